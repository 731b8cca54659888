namespace MultiModel;

/// <summary>Represents a text part of a message (see <see cref="ChatContentPart.FromText"/>).</summary>
public sealed class ChatTextPart : ChatContentPart
{
    internal ChatTextPart(string text)
    {
        Text = text;
    }

    /// <summary>Gets the text.</summary>
    public string Text { get; }

    /// <inheritdoc/>
    public override string ToString() => Text;
}
