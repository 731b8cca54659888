namespace MultiModel.Confidence;

/// <summary>Represents what a <see cref="IConfidenceScorer"/> judges: an answer, or the head of a streamed answer, and its request.</summary>
public sealed class ConfidenceContext
{
    /// <summary>Gets the request that was answered.</summary>
    public required ChatRequest Request { get; init; }

    /// <summary>Gets the answer text; when <see cref="IsPartial"/> is set, only its head.</summary>
    public required string Text { get; init; }

    /// <summary>Gets the name of the provider that produced the answer.</summary>
    public required string ProviderName { get; init; }

    /// <summary>Gets the model that answered, when known.</summary>
    public string? ModelId { get; init; }

    /// <summary>Gets the reasoning text, when the provider returned any.</summary>
    public string? ReasoningText { get; init; }

    /// <summary>Gets why the model stopped; <see langword="null"/> for a partial answer.</summary>
    public ChatFinishReason? FinishReason { get; init; }

    /// <summary>Gets the log probabilities of the answer's tokens, when the provider returned them.</summary>
    public IReadOnlyList<TokenLogprob>? Logprobs { get; init; }

    /// <summary>Gets the tool calls of the answer (so far, for a partial answer); empty when there are none.</summary>
    public IReadOnlyList<ChatToolCall> ToolCalls { get; init; } = [];

    /// <summary>Gets a value indicating whether <see cref="Text"/> is only the head of a stream still being generated.</summary>
    public bool IsPartial { get; init; }

    /// <summary>Creates the context for a whole answer.</summary>
    /// <param name="request">The request that was answered.</param>
    /// <param name="response">The answer.</param>
    /// <returns>A context with <see cref="IsPartial"/> cleared.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> or <paramref name="response"/> is <see langword="null"/>.</exception>
    public static ConfidenceContext FromResponse(ChatRequest request, ChatResponse response)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(response);
        return new ConfidenceContext
        {
            Request = request,
            Text = response.Text,
            ProviderName = response.ProviderName,
            ModelId = response.ModelId,
            ReasoningText = response.ReasoningText,
            FinishReason = response.FinishReason,
            Logprobs = response.Logprobs,
            ToolCalls = response.ToolCalls,
        };
    }

    /// <summary>Creates the context for the head of a stream still being generated.</summary>
    internal static ConfidenceContext FromHead(ChatRequest request, ChatResponseBuilder head) => new()
    {
        Request = request,
        Text = head.Text,
        ProviderName = head.ProviderName,
        ModelId = head.ModelId,
        ReasoningText = head.ReasoningText,
        Logprobs = head.Logprobs,
        ToolCalls = head.ToolCalls,
        IsPartial = true,
    };
}
