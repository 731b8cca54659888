namespace MultiModel;

/// <summary>Represents one message of a conversation: text (with images or documents), an assistant's tool calls, or a tool's result.</summary>
/// <remarks>
/// <para>
/// Most messages are text with a role. A user message may also carry images and documents (built with
/// <see cref="FromUser(string, ReadOnlySpan{ChatContentPart})"/>), an assistant message may carry
/// <see cref="ToolCalls"/> (built with <see cref="FromToolCalls"/>) and the model's reasoning, and a
/// <see cref="ChatRole.Tool"/> message carries the result of one call, with the call's <see cref="ToolCallId"/>
/// (built with <see cref="FromToolResult"/>). The neutral shape lets every provider write the message in its own
/// format. Instances are immutable.
/// </para>
/// <para>
/// <see cref="WithCacheBreakpoint"/> marks the conversation up to and including a message as a prefix worth caching.
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
        Parts = [];
        ToolCalls = [];
    }

    private ChatMessage(ChatRole role, string text, IReadOnlyList<ChatContentPart> parts, IReadOnlyList<ChatToolCall> toolCalls, string? toolCallId, bool isToolError)
    {
        Role = role;
        Text = text;
        Parts = parts;
        ToolCalls = toolCalls;
        ToolCallId = toolCallId;
        IsToolError = isToolError;
    }

    private ChatMessage(ChatMessage source, bool isCacheBreakpoint)
        : this(source.Role, source.Text, source.Parts, source.ToolCalls, source.ToolCallId, source.IsToolError)
    {
        IsCacheBreakpoint = isCacheBreakpoint;
    }

    /// <summary>Gets the author of the message.</summary>
    public ChatRole Role { get; }

    /// <summary>Gets the text of the message (the text parts joined, for a message built from parts); for a <see cref="ChatRole.Tool"/> message, the tool's result.</summary>
    public string Text { get; }

    /// <summary>Gets the parts of a message built from parts (text, images, documents, reasoning), in order; empty for a plain text message, whose content is <see cref="Text"/>.</summary>
    public IReadOnlyList<ChatContentPart> Parts { get; }

    /// <summary>Gets the tool calls of an assistant message, in order; empty for other messages.</summary>
    public IReadOnlyList<ChatToolCall> ToolCalls { get; }

    /// <summary>Gets the id of the tool call a <see cref="ChatRole.Tool"/> message answers; <see langword="null"/> for other messages.</summary>
    public string? ToolCallId { get; }

    /// <summary>Gets a value indicating whether a <see cref="ChatRole.Tool"/> message reports that the tool failed.</summary>
    public bool IsToolError { get; }

    /// <summary>Gets a value indicating whether the conversation up to and including this message is marked as a prefix worth caching.</summary>
    /// <remarks>Claude receives the mark as a <c>cache_control</c> breakpoint on the message's last block; providers that cache on their own ignore it.</remarks>
    public bool IsCacheBreakpoint { get; }

    /// <summary>Creates a system message.</summary>
    /// <param name="text">The instructions.</param>
    /// <returns>A new message with <see cref="ChatRole.System"/>.</returns>
    public static ChatMessage FromSystem(string text) => new(ChatRole.System, text);

    /// <summary>Creates a user message.</summary>
    /// <param name="text">The user's text.</param>
    /// <returns>A new message with <see cref="ChatRole.User"/>.</returns>
    public static ChatMessage FromUser(string text) => new(ChatRole.User, text);

    /// <summary>Creates a user message with attachments: images and documents first, then the text, as Anthropic advises.</summary>
    /// <param name="text">The user's text (the question about the attachments).</param>
    /// <param name="attachments">Images (<see cref="ChatContentPart.FromImage(ReadOnlyMemory{byte}, string)"/>) and documents (<see cref="ChatContentPart.FromPdf(ReadOnlyMemory{byte}, string)"/>, <see cref="ChatContentPart.FromTextDocument"/>).</param>
    /// <returns>A new message with <see cref="ChatRole.User"/> and <see cref="Parts"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">An attachment is <see langword="null"/> or a reasoning part.</exception>
    public static ChatMessage FromUser(string text, params ReadOnlySpan<ChatContentPart> attachments)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (attachments.IsEmpty)
        {
            return FromUser(text);
        }

        return FromUser([.. attachments, ChatContentPart.FromText(text)]);
    }

    /// <summary>Creates a user message from parts, in the order given (for example <c>Image 1:</c>, an image, <c>Image 2:</c>, an image, a question).</summary>
    /// <param name="parts">Text, image and document parts, at least one.</param>
    /// <returns>A new message with <see cref="ChatRole.User"/> and <see cref="Parts"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="parts"/> is empty, or holds a <see langword="null"/> element or a reasoning part.</exception>
    public static ChatMessage FromUser(params ReadOnlySpan<ChatContentPart> parts)
    {
        var copy = CopyParts(parts, allowMedia: true, nameof(parts));
        return new ChatMessage(ChatRole.User, JoinText(copy), copy, [], null, isToolError: false);
    }

    /// <summary>Creates an assistant message from parts (text and the model's reasoning) and, optionally, its tool calls.</summary>
    /// <param name="parts">Text and reasoning parts, in order; may be empty when there are tool calls.</param>
    /// <param name="toolCalls">The calls the model asked for, or <see langword="null"/>.</param>
    /// <returns>A new message with <see cref="ChatRole.Assistant"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parts"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A part is <see langword="null"/>, an image or a document; or a tool call is <see langword="null"/>.</exception>
    /// <remarks><see cref="ChatResponse.ToAssistantMessage"/> builds this message from an answer; use it to rebuild one from streamed pieces.</remarks>
    public static ChatMessage FromAssistant(IEnumerable<ChatContentPart> parts, IEnumerable<ChatToolCall>? toolCalls = null)
    {
        ArgumentNullException.ThrowIfNull(parts);
        ChatContentPart[] list = [.. parts];
        var copy = list.Length == 0 ? list : CopyParts(list, allowMedia: false, nameof(parts));
        ChatToolCall[] calls = toolCalls is null ? [] : [.. toolCalls];
        if (Array.IndexOf(calls, null) >= 0)
        {
            throw new ArgumentException("A tool call is null.", nameof(toolCalls));
        }

        return new ChatMessage(ChatRole.Assistant, JoinText(copy), copy, calls, null, isToolError: false);
    }

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

        return new ChatMessage(ChatRole.Assistant, text, [], calls, null, isToolError: false);
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
        return new ChatMessage(ChatRole.Tool, result, [], [], toolCallId, isError);
    }

    /// <summary>Creates a copy of this message that marks the conversation up to and including it as a prefix worth caching.</summary>
    /// <returns>A new message with <see cref="IsCacheBreakpoint"/> set.</returns>
    /// <remarks>
    /// Mark what stays the same from call to call: the system prompt, a long document, the conversation so far. Claude
    /// caches the marked prefixes (at most four marks per request, <see cref="ChatRequest.CacheTools"/> included);
    /// xAI and OpenAI-style providers cache on their own and ignore the mark.
    /// </remarks>
    public ChatMessage WithCacheBreakpoint() => new(this, isCacheBreakpoint: true);

    /// <inheritdoc/>
    public override string ToString() => Role switch
    {
        ChatRole.Tool => $"{Role} [{ToolCallId}]{(IsToolError ? " error" : string.Empty)}: {Text}",
        _ when ToolCalls.Count > 0 => $"{Role}: {Text} [{string.Join(", ", ToolCalls)}]",
        _ when Parts.Any(static p => p is not ChatTextPart) => $"{Role}: {Text} [{string.Join(", ", Parts.Where(static p => p is not ChatTextPart))}]",
        _ => $"{Role}: {Text}",
    };

    private static ChatContentPart[] CopyParts(ReadOnlySpan<ChatContentPart> parts, bool allowMedia, string param)
    {
        if (parts.IsEmpty)
        {
            throw new ArgumentException("A message built from parts needs at least one part.", param);
        }

        var copy = parts.ToArray();
        for (var i = 0; i < copy.Length; i++)
        {
            var problem = copy[i] switch
            {
                null => "is null",
                ChatReasoningPart when allowMedia => "is reasoning, which only assistant messages carry",
                ChatImagePart or ChatDocumentPart when !allowMedia => "is an image or a document, which only user messages carry",
                _ => null,
            };
            if (problem is not null)
            {
                throw new ArgumentException($"Part {i} {problem}.", param);
            }
        }

        return copy;
    }

    private static string JoinText(ChatContentPart[] parts)
    {
        string? single = null;
        System.Text.StringBuilder? joined = null;
        foreach (var part in parts)
        {
            if (part is not ChatTextPart { Text: var text })
            {
                continue;
            }

            if (single is null)
            {
                single = text;
            }
            else
            {
                (joined ??= new System.Text.StringBuilder(single)).Append(text);
            }
        }

        return joined?.ToString() ?? single ?? string.Empty;
    }
}
