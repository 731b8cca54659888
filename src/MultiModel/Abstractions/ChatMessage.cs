namespace MultiModel;

/// <summary>Represents one message of a conversation: text, an assistant's tool calls, or a tool's result.</summary>
/// <remarks>
/// <para>
/// Most messages are text with a role. An assistant message may also carry <see cref="ToolCalls"/> (built with
/// <see cref="FromToolCalls"/>), and a <see cref="ChatRole.Tool"/> message carries the result of one call, with the
/// call's <see cref="ToolCallId"/> (built with <see cref="FromToolResult"/>). The neutral shape lets every provider
/// write the tool turns in its own format. Instances are immutable.
/// </para>
/// </remarks>
public sealed class ChatMessage
{
    /// <summary>Initializes a new instance of the <see cref="ChatMessage"/> class.</summary>
    /// <param name="role">The author of the message: system, user or assistant.</param>
    /// <param name="text">The text of the message.</param>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="role"/> is not a defined <see cref="ChatRole"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="role"/> is <see cref="ChatRole.Tool"/>; use <see cref="FromToolResult"/>.</exception>
    public ChatMessage(ChatRole role, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!Enum.IsDefined(role))
        {
            throw new ArgumentOutOfRangeException(nameof(role), role, "Unknown chat role.");
        }

        if (role == ChatRole.Tool)
        {
            throw new ArgumentException("A tool message needs the id of the call it answers; use ChatMessage.FromToolResult.", nameof(role));
        }

        Role = role;
        Text = text;
        ToolCalls = [];
    }

    private ChatMessage(ChatRole role, string text, IReadOnlyList<ChatToolCall> toolCalls, string? toolCallId, bool isToolError)
    {
        Role = role;
        Text = text;
        ToolCalls = toolCalls;
        ToolCallId = toolCallId;
        IsToolError = isToolError;
    }

    /// <summary>Gets the author of the message.</summary>
    public ChatRole Role { get; }

    /// <summary>Gets the text of the message; for a <see cref="ChatRole.Tool"/> message, the tool's result.</summary>
    public string Text { get; }

    /// <summary>Gets the tool calls of an assistant message, in order; empty for other messages.</summary>
    public IReadOnlyList<ChatToolCall> ToolCalls { get; }

    /// <summary>Gets the id of the tool call a <see cref="ChatRole.Tool"/> message answers; <see langword="null"/> for other messages.</summary>
    public string? ToolCallId { get; }

    /// <summary>Gets a value indicating whether a <see cref="ChatRole.Tool"/> message reports that the tool failed.</summary>
    public bool IsToolError { get; }

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

    /// <summary>Creates an assistant message that asked for tool calls (to send back with the tools' results).</summary>
    /// <param name="toolCalls">The calls the model asked for, at least one.</param>
    /// <param name="text">The text the model wrote before the calls, or an empty string.</param>
    /// <returns>A new message with <see cref="ChatRole.Assistant"/> and <see cref="ToolCalls"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="toolCalls"/> or <paramref name="text"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="toolCalls"/> is empty or holds a <see langword="null"/> element.</exception>
    public static ChatMessage FromToolCalls(IEnumerable<ChatToolCall> toolCalls, string text = "")
    {
        ArgumentNullException.ThrowIfNull(toolCalls);
        ArgumentNullException.ThrowIfNull(text);
        ChatToolCall[] calls = [.. toolCalls];
        if (calls.Length == 0 || Array.IndexOf(calls, null) >= 0)
        {
            throw new ArgumentException("An assistant tool-call message needs at least one tool call and no null element.", nameof(toolCalls));
        }

        return new ChatMessage(ChatRole.Assistant, text, calls, null, isToolError: false);
    }

    /// <summary>Creates a tool message: the result of one tool call, sent back to the model.</summary>
    /// <param name="toolCallId">The <see cref="ChatToolCall.Id"/> of the call this result answers.</param>
    /// <param name="result">The tool's result as text (often JSON); may be empty.</param>
    /// <param name="isError">Whether the tool failed and <paramref name="result"/> describes the failure.</param>
    /// <returns>A new message with <see cref="ChatRole.Tool"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="toolCallId"/> is null or white space.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is <see langword="null"/>.</exception>
    public static ChatMessage FromToolResult(string toolCallId, string result, bool isError = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(toolCallId);
        ArgumentNullException.ThrowIfNull(result);
        return new ChatMessage(ChatRole.Tool, result, [], toolCallId, isError);
    }

    /// <inheritdoc/>
    public override string ToString() => Role switch
    {
        ChatRole.Tool => $"{Role} [{ToolCallId}]{(IsToolError ? " error" : string.Empty)}: {Text}",
        _ when ToolCalls.Count > 0 => $"{Role}: {Text} [{string.Join(", ", ToolCalls)}]",
        _ => $"{Role}: {Text}",
    };
}
