using System.Runtime.CompilerServices;
using Anthropic;
using Anthropic.Models.Messages;
using OpenAI.Chat;
using OpenAIChatMessage = OpenAI.Chat.ChatMessage;

namespace MultiModel.Benchmarks.Infrastructure;

/// <summary>The same request through the official SDKs, reduced to the answer text (or its deltas).</summary>
internal static class PeerCalls
{
    private static readonly OpenAIChatMessage[] OpenAIMessages = [new UserChatMessage(Scenario.Prompt)];

    public static async Task<string> AnthropicTextAsync(AnthropicClient client, int maxTokens = Scenario.MaxTokens)
    {
        var message = await client.Messages.Create(AnthropicParams(maxTokens)).ConfigureAwait(false);
        foreach (var block in message.Content)
        {
            if (block.TryPickText(out var text))
            {
                return text.Text;
            }
        }

        throw new InvalidOperationException("No text in the answer.");
    }

    public static async IAsyncEnumerable<string> AnthropicStreamAsync(AnthropicClient client, int maxTokens = Scenario.MaxTokens, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var item in client.Messages.CreateStreaming(AnthropicParams(maxTokens), cancellationToken).ConfigureAwait(false))
        {
            if (item.TryPickContentBlockDelta(out var delta) && delta.Delta.TryPickText(out var text))
            {
                yield return text.Text;
            }
        }
    }

    public static async Task<string> OpenAITextAsync(ChatClient client, int maxTokens = Scenario.MaxTokens)
    {
        var completion = await client.CompleteChatAsync(OpenAIMessages, OpenAIOptions(maxTokens)).ConfigureAwait(false);
        return completion.Value.Content[0].Text;
    }

    public static async IAsyncEnumerable<string> OpenAIStreamAsync(ChatClient client, int maxTokens = Scenario.MaxTokens, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var update in client.CompleteChatStreamingAsync(OpenAIMessages, OpenAIOptions(maxTokens), cancellationToken).ConfigureAwait(false))
        {
            foreach (var part in update.ContentUpdate)
            {
                if (part.Text is { Length: > 0 } text)
                {
                    yield return text;
                }
            }
        }
    }

    private static MessageCreateParams AnthropicParams(int maxTokens) => new()
    {
        Model = Scenario.ClaudeModel,
        MaxTokens = maxTokens,
        Messages = [new UserMessageParam(Scenario.Prompt)],
    };

    private static ChatCompletionOptions OpenAIOptions(int maxTokens) => new() { MaxOutputTokenCount = maxTokens };
}
