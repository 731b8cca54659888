using System.Runtime.CompilerServices;

namespace MultiModel.Tests.Failover;

/// <summary>Builds test data: requests, answers, updates, provider errors, streams.</summary>
internal static class Some
{
    public static ChatRequest Request() => new("What is 2 + 2?");

    public static ChatResponse Response(string provider, string text = "answer", ChatFinishReason finish = ChatFinishReason.Stop, ChatUsage? usage = null, IReadOnlyList<TokenLogprob>? logprobs = null) => new()
    {
        Text = text,
        ProviderName = provider,
        ModelId = provider + "-model",
        FinishReason = finish,
        Usage = usage ?? new ChatUsage { InputTokens = 10, OutputTokens = 5 },
        Logprobs = logprobs,
    };

    public static ChatResponseUpdate Text(string provider, string text) => new() { ProviderName = provider, Text = text, ModelId = provider + "-model" };

    public static ChatResponseUpdate Reasoning(string provider, string reasoning) => new() { ProviderName = provider, ReasoningText = reasoning };

    public static ChatResponseUpdate Final(string provider, ChatFinishReason finish = ChatFinishReason.Stop, string? text = null) => new()
    {
        ProviderName = provider,
        Text = text,
        IsFinal = true,
        FinishReason = finish,
        Usage = new ChatUsage { InputTokens = 7, OutputTokens = 3 },
    };

    public static ChatProviderException HttpError(string provider, int status, string? errorType = null, string? message = null, bool contextLength = false) =>
        new(provider, ChatProviderErrorKind.HttpStatus, $"{provider} returned {status}.")
        {
            StatusCode = status,
            ErrorType = errorType,
            ProviderMessage = message,
            IsContextLengthExceeded = contextLength,
        };

    public static ChatProviderException StreamError(string provider) =>
        new(provider, ChatProviderErrorKind.StreamError, $"{provider} sent an error event.") { StatusCode = 200, ErrorType = "overloaded_error" };

    public static async IAsyncEnumerable<ChatResponseUpdate> Stream(ChatResponseUpdate[] updates, Exception? failure = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var update in updates)
        {
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            yield return update;
        }

        if (failure is not null)
        {
            throw failure;
        }
    }

    public static IAsyncEnumerable<ChatResponseUpdate> Throwing(Exception failure) => Stream([], failure);

    public static async Task<List<ChatResponseUpdate>> CollectAsync(IAsyncEnumerable<ChatResponseUpdate> stream, List<ChatResponseUpdate>? into = null)
    {
        into ??= [];
        await foreach (var update in stream)
        {
            into.Add(update);
        }

        return into;
    }
}
