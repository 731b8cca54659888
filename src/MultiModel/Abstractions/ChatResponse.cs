using System.Diagnostics.CodeAnalysis;
using MultiModel.Internal;

namespace MultiModel;

/// <summary>Represents a whole answer from a provider, or from a failover chain.</summary>
/// <remarks>
/// <para>
/// Instances are immutable. A provider fills the answer, model, usage and finish reason; a
/// <c>FailoverChatClient</c> adds <see cref="Confidence"/>, <see cref="Attempts"/> and
/// <see cref="IsBelowThreshold"/>.
/// </para>
/// </remarks>
public sealed class ChatResponse
{
    /// <summary>Initializes a new instance of the <see cref="ChatResponse"/> class.</summary>
    public ChatResponse()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ChatResponse"/> class with the values of another, for a copy that changes a few of them.</summary>
    [SetsRequiredMembers]
    internal ChatResponse(ChatResponse source)
    {
        Text = source.Text;
        ToolCalls = source.ToolCalls;
        ReasoningText = source.ReasoningText;
        ReasoningParts = source.ReasoningParts;
        ProviderName = source.ProviderName;
        ModelId = source.ModelId;
        ResponseId = source.ResponseId;
        FinishReason = source.FinishReason;
        RawFinishReason = source.RawFinishReason;
        Usage = source.Usage;
        Logprobs = source.Logprobs;
        Confidence = source.Confidence;
        IsBelowThreshold = source.IsBelowThreshold;
        Attempts = source.Attempts;
        Resumptions = source.Resumptions;
    }

    /// <summary>Gets the answer text (thinking or reasoning text excluded).</summary>
    public required string Text { get; init; }

    /// <summary>Gets the tool calls the model asked for, in order; empty when it asked for none.</summary>
    /// <remarks>When this is not empty, <see cref="FinishReason"/> is usually <see cref="ChatFinishReason.ToolCalls"/> and <see cref="Text"/> may be empty.</remarks>
    public IReadOnlyList<ChatToolCall> ToolCalls { get; init; } = [];

    /// <summary>Gets the model's visible reasoning or thinking text, when the provider returned any.</summary>
    public string? ReasoningText { get; init; }

    /// <summary>Gets the reasoning blocks the provider needs back unchanged in a later turn (Claude's signed and redacted thinking), in order; empty when there are none.</summary>
    /// <remarks><see cref="ToAssistantMessage"/> carries them; their text is also in <see cref="ReasoningText"/>.</remarks>
    public IReadOnlyList<ChatReasoningPart> ReasoningParts { get; init; } = [];

    /// <summary>Gets the name of the provider that produced the answer.</summary>
    public required string ProviderName { get; init; }

    /// <summary>Gets the model that answered, as the provider reported it.</summary>
    public string? ModelId { get; init; }

    /// <summary>Gets the provider's identifier of this answer.</summary>
    public string? ResponseId { get; init; }

    /// <summary>Gets the normalized reason the model stopped.</summary>
    public ChatFinishReason FinishReason { get; init; }

    /// <summary>Gets the provider's own finish reason (for example <c>end_turn</c> or <c>length</c>).</summary>
    public string? RawFinishReason { get; init; }

    /// <summary>Gets the token accounting reported by the provider.</summary>
    public ChatUsage Usage { get; init; } = ChatUsage.None;

    /// <summary>Gets the per-token log probabilities, or <see langword="null"/> when the provider did not return them.</summary>
    public IReadOnlyList<TokenLogprob>? Logprobs { get; init; }

    /// <summary>Gets the confidence score given to this answer by a failover chain's policy, if any.</summary>
    public ConfidenceScore? Confidence { get; init; }

    /// <summary>Gets a value indicating whether the answer is returned although its confidence is below the threshold.</summary>
    public bool IsBelowThreshold { get; init; }

    /// <summary>Gets every attempt a failover chain made for this answer, in the order they started.</summary>
    /// <value>Empty when the answer came straight from a provider.</value>
    public IReadOnlyList<ChatAttempt> Attempts { get; init; } = [];

    /// <summary>Gets where a failover chain continued a broken stream with another provider, in order.</summary>
    /// <value>Empty unless the answer was streamed through a chain with <c>ResumeStreams</c> on and resumed.</value>
    [Experimental(Experiments.StreamResumption, UrlFormat = Experiments.UrlFormat)]
    public IReadOnlyList<ChatResumption> Resumptions { get; init; } = [];

    /// <summary>Creates the assistant message that repeats this answer in a conversation, tool calls and reasoning blocks included.</summary>
    /// <returns>An assistant message with <see cref="Text"/> and, when there are any, <see cref="ReasoningParts"/> and <see cref="ToolCalls"/>.</returns>
    /// <remarks>
    /// Add it to the request, then one <see cref="ChatMessage.FromToolResult"/> message per tool call, and send again.
    /// The reasoning blocks go back unchanged, as Claude requires when a tool-use turn continues with thinking on.
    /// </remarks>
    public ChatMessage ToAssistantMessage()
    {
        if (ReasoningParts.Count > 0)
        {
            ChatContentPart[] parts = Text.Length == 0 ? [.. ReasoningParts] : [.. ReasoningParts, ChatContentPart.FromText(Text)];
            return ChatMessage.FromAssistant(parts, ToolCalls);
        }

        return ToolCalls.Count > 0 ? ChatMessage.FromToolCalls(ToolCalls, Text) : ChatMessage.FromAssistant(Text);
    }

    /// <inheritdoc/>
    public override string ToString() => Text;
}
