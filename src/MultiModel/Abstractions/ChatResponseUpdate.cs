using System.Diagnostics.CodeAnalysis;
using MultiModel.Internal;

namespace MultiModel;

/// <summary>Represents one streamed piece of an answer.</summary>
/// <remarks>
/// <para>
/// Most updates carry a <see cref="Text"/> delta (or a <see cref="ReasoningText"/> delta, or completed <see cref="ToolCalls"/>). The last update of a
/// successful stream has <see cref="IsFinal"/> set and carries <see cref="FinishReason"/> and <see cref="Usage"/>;
/// through a failover chain it also carries <see cref="Confidence"/> and <see cref="Attempts"/>.
/// </para>
/// </remarks>
public sealed class ChatResponseUpdate
{
    /// <summary>Initializes a new instance of the <see cref="ChatResponseUpdate"/> class.</summary>
    public ChatResponseUpdate()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ChatResponseUpdate"/> class with the values of another, for a copy that changes a few of them.</summary>
    [SetsRequiredMembers]
    internal ChatResponseUpdate(ChatResponseUpdate source)
    {
        Text = source.Text;
        ReasoningText = source.ReasoningText;
        ReasoningParts = source.ReasoningParts;
        ToolCalls = source.ToolCalls;
        ProviderName = source.ProviderName;
        ModelId = source.ModelId;
        ResponseId = source.ResponseId;
        Logprobs = source.Logprobs;
        IsFinal = source.IsFinal;
        FinishReason = source.FinishReason;
        RawFinishReason = source.RawFinishReason;
        Usage = source.Usage;
        Confidence = source.Confidence;
        IsBelowThreshold = source.IsBelowThreshold;
        Attempts = source.Attempts;
        Resumptions = source.Resumptions;
    }

    /// <summary>Gets the answer text added by this piece, if any.</summary>
    public string? Text { get; init; }

    /// <summary>Gets the reasoning or thinking text added by this piece, if any.</summary>
    public string? ReasoningText { get; init; }

    /// <summary>Gets the reasoning blocks completed since the previous piece, whole (text and signature, or redacted data), or <see langword="null"/>.</summary>
    /// <remarks>
    /// A block is reported once, on the first piece after it ends (the answer's first text, a tool call, or the final
    /// piece); its text was already streamed as <see cref="ReasoningText"/> pieces.
    /// Keep the blocks to rebuild the assistant message with <see cref="ChatMessage.FromAssistant(IEnumerable{ChatContentPart}, IEnumerable{ChatToolCall})"/>.
    /// </remarks>
    public IReadOnlyList<ChatReasoningPart>? ReasoningParts { get; init; }

    /// <summary>Gets the tool calls completed by this piece, whole (id, name and all arguments), or <see langword="null"/>.</summary>
    /// <remarks>A streamed call is reported once, on the piece where its arguments are complete, never as fragments.</remarks>
    public IReadOnlyList<ChatToolCall>? ToolCalls { get; init; }

    /// <summary>Gets the name of the provider that produced this piece.</summary>
    public required string ProviderName { get; init; }

    /// <summary>Gets the model that answers, as the provider reported it.</summary>
    public string? ModelId { get; init; }

    /// <summary>Gets the provider's identifier of the answer this piece belongs to.</summary>
    public string? ResponseId { get; init; }

    /// <summary>Gets the log probabilities of the tokens in this piece, when the provider returned them.</summary>
    public IReadOnlyList<TokenLogprob>? Logprobs { get; init; }

    /// <summary>Gets a value indicating whether this is the last piece of a complete answer.</summary>
    public bool IsFinal { get; init; }

    /// <summary>Gets the normalized finish reason; set on the final piece.</summary>
    public ChatFinishReason? FinishReason { get; init; }

    /// <summary>Gets the provider's own finish reason; set on the final piece.</summary>
    public string? RawFinishReason { get; init; }

    /// <summary>Gets the token accounting for the whole answer; set on the final piece.</summary>
    public ChatUsage? Usage { get; init; }

    /// <summary>Gets the confidence score of the whole answer; set on the final piece by a failover chain.</summary>
    public ConfidenceScore? Confidence { get; init; }

    /// <summary>Gets a value indicating whether the answer was delivered although its confidence is below the threshold.</summary>
    public bool IsBelowThreshold { get; init; }

    /// <summary>Gets the attempts a failover chain made; set on the final piece by a failover chain.</summary>
    public IReadOnlyList<ChatAttempt>? Attempts { get; init; }

    /// <summary>Gets where a failover chain continued a broken stream with another provider; set on the final piece by a failover chain.</summary>
    /// <value>Empty on the final piece of a chain's answer that was not resumed; <see langword="null"/> on other pieces and on a provider's own stream.</value>
    [Experimental(Experiments.StreamResumption, UrlFormat = Experiments.UrlFormat)]
    public IReadOnlyList<ChatResumption>? Resumptions { get; init; }

    /// <inheritdoc/>
    public override string ToString() => Text ?? string.Empty;
}
