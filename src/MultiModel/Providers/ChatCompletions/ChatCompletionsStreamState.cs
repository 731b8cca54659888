using MultiModel.Internal;

namespace MultiModel.Providers.ChatCompletions;

/// <summary>Follows one chat-completions stream: turns deltas into updates and remembers what the final update needs.</summary>
/// <remarks>
/// Only the first choice is read. Tool-call deltas are accumulated; the calls are completed when the choice's
/// <c>finish_reason</c> arrives (or at <c>[DONE]</c>) and reported on one update of their own. The final update carries the last
/// <c>finish_reason</c> and the last <c>usage</c> seen on any chunk (servers may repeat a running usage).
/// </remarks>
internal sealed class ChatCompletionsStreamState(ChatCompletionsSettings settings)
{
    private string? _responseId;
    private string? _modelId;
    private string? _finishReason;
    private bool _refused;
    private readonly ChatCompletionsToolCallReader _toolCalls = new();
    private ChatCompletionsUsageDto? _usage;

    /// <summary>Gets a value indicating whether the last chunk carried the choice's <c>finish_reason</c>.</summary>
    public bool ChoiceFinished { get; private set; }

    /// <summary>Takes in one chunk; returns the update to yield, or <see langword="null"/> when it added no text.</summary>
    public ChatResponseUpdate? Apply(ChatCompletionsResponseDto chunk)
    {
        _responseId = chunk.Id ?? _responseId;
        _modelId = chunk.Model ?? _modelId;
        _usage = chunk.Usage ?? _usage;
        ChoiceFinished = false;

        if (chunk.FirstChoice is not { } choice)
        {
            return null;
        }

        _finishReason = choice.FinishReason ?? _finishReason;
        ChoiceFinished = choice.FinishReason is not null;
        var delta = choice.Delta;
        _toolCalls.Append(delta?.ToolCalls);
        var text = delta?.Content;
        if (!string.IsNullOrEmpty(delta?.Refusal))
        {
            _refused = true;
            text = string.IsNullOrEmpty(text) ? delta.Refusal : text;
        }

        var reasoning = delta?.ReasoningContent;
        var logprobs = ChatCompletionsResponseMapper.ToLogprobs(choice.Logprobs);
        if (string.IsNullOrEmpty(text) && string.IsNullOrEmpty(reasoning) && logprobs is not { Count: > 0 })
        {
            return null;
        }

        return new ChatResponseUpdate
        {
            Text = string.IsNullOrEmpty(text) ? null : text,
            ReasoningText = string.IsNullOrEmpty(reasoning) ? null : reasoning,
            ProviderName = settings.ProviderName,
            ModelId = _modelId,
            ResponseId = _responseId,
            Logprobs = logprobs,
        };
    }

    /// <summary>Completes the accumulated tool calls into one update, or returns <see langword="null"/> when none is pending.</summary>
    /// <exception cref="ChatProviderException">A call has no name or unreadable arguments.</exception>
    public ChatResponseUpdate? TakeToolCalls(ProviderTransport transport, HttpResponseMessage response)
    {
        if (!_toolCalls.HasPending)
        {
            return null;
        }

        var calls = _toolCalls.Complete(transport, response);
        return calls.Count == 0 ? null : new ChatResponseUpdate
        {
            ToolCalls = calls,
            ProviderName = settings.ProviderName,
            ModelId = _modelId,
            ResponseId = _responseId,
        };
    }

    /// <summary>Creates the update that ends a complete stream.</summary>
    public ChatResponseUpdate CreateFinalUpdate() => new()
    {
        IsFinal = true,
        ProviderName = settings.ProviderName,
        ModelId = _modelId,
        ResponseId = _responseId,
        FinishReason = _refused ? ChatFinishReason.ContentFilter : ChatCompletionsResponseMapper.ToFinishReason(_finishReason),
        RawFinishReason = _finishReason,
        Usage = ChatCompletionsResponseMapper.ToUsage(_usage, settings.ReasoningAccounting),
    };
}
