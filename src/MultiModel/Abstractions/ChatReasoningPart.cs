namespace MultiModel;

/// <summary>Represents a model's reasoning as the provider returned it, kept so it can be sent back unchanged in a later turn.</summary>
/// <remarks>
/// <para>
/// Claude returns its thinking as <c>thinking</c> blocks with a <c>signature</c>, or as opaque <c>redacted_thinking</c>
/// blocks, and requires them back, unmodified, when a tool-use turn continues with thinking on. They arrive in
/// <see cref="ChatResponse.ReasoningParts"/> (streamed: <see cref="ChatResponseUpdate.ReasoningParts"/>), and
/// <see cref="ChatResponse.ToAssistantMessage"/> puts them in the assistant message. Claude is sent only the parts
/// that carry <see cref="ProtectedData"/>; formats without a place for reasoning (chat completions) are sent none.
/// </para>
/// </remarks>
public sealed class ChatReasoningPart : ChatContentPart
{
    internal ChatReasoningPart(string text, string? protectedData, bool isRedacted)
    {
        Text = text;
        ProtectedData = protectedData;
        IsRedacted = isRedacted;
    }

    /// <summary>Gets the readable reasoning text; empty for a redacted block.</summary>
    public string Text { get; }

    /// <summary>Gets the provider's opaque data: the signature of a Claude <c>thinking</c> block, or the <c>data</c> of a <c>redacted_thinking</c> block.</summary>
    public string? ProtectedData { get; }

    /// <summary>Gets a value indicating whether the block is redacted: opaque <see cref="ProtectedData"/> and no readable text (built with <see cref="ChatContentPart.FromRedactedReasoning"/>).</summary>
    public bool IsRedacted { get; }

    /// <inheritdoc/>
    public override string ToString() => IsRedacted ? "[redacted reasoning]" : Text;
}
