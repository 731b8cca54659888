namespace MultiModel;

/// <summary>Represents one text message of a conversation.</summary>
public sealed class ChatMessage
{
    /// <summary>Initializes a new instance of the <see cref="ChatMessage"/> class.</summary>
    /// <param name="role">The author of the message.</param>
    /// <param name="text">The text of the message.</param>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="role"/> is not a defined <see cref="ChatRole"/>.</exception>
    public ChatMessage(ChatRole role, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!Enum.IsDefined(role))
        {
            throw new ArgumentOutOfRangeException(nameof(role), role, "Unknown chat role.");
        }

        Role = role;
        Text = text;
    }

    /// <summary>Gets the author of the message.</summary>
    public ChatRole Role { get; }

    /// <summary>Gets the text of the message.</summary>
    public string Text { get; }

    /// <summary>Creates a system message.</summary>
    /// <param name="text">The instructions.</param>
    /// <returns>A new message with <see cref="ChatRole.System"/>.</returns>
    public static ChatMessage FromSystem(string text) => new(ChatRole.System, text);

    /// <summary>Creates a user message.</summary>
    /// <param name="text">The user's text.</param>
    /// <returns>A new message with <see cref="ChatRole.User"/>.</returns>
    public static ChatMessage FromUser(string text) => new(ChatRole.User, text);

    /// <summary>Creates an assistant message.</summary>
    /// <param name="text">The model's earlier answer (or a prefill).</param>
    /// <returns>A new message with <see cref="ChatRole.Assistant"/>.</returns>
    public static ChatMessage FromAssistant(string text) => new(ChatRole.Assistant, text);

    /// <inheritdoc/>
    public override string ToString() => $"{Role}: {Text}";
}
