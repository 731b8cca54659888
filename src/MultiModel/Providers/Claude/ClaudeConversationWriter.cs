using System.Buffers;

namespace MultiModel.Providers.Claude;

/// <summary>Turns the conversation into Claude turns: system prompts apart, parts as blocks, tool calls as <c>tool_use</c> blocks, tool results as <c>tool_result</c> blocks of a user turn.</summary>
/// <remarks>
/// <para>
/// Plain text messages keep the string shorthand. A message built from parts becomes a block list: <c>text</c>,
/// <c>image</c> and <c>document</c> blocks in the caller's order, and reasoning parts that carry protected data as
/// <c>thinking</c> (with its <c>signature</c>) or <c>redacted_thinking</c> blocks, unchanged; reasoning without
/// protected data (another provider's) has no place and is left out, as are empty text parts. An assistant message
/// with tool calls becomes a block list (its parts or text first, then one <c>tool_use</c> per call). Consecutive
/// tool results become one user turn of <c>tool_result</c> blocks; a user message right after them joins that turn,
/// since Claude expects the results and the next user text in one turn.
/// </para>
/// <para>
/// A message marked with <see cref="ChatMessage.WithCacheBreakpoint"/> puts <c>cache_control</c> on its last block
/// (a plain text turn becomes a one-block list for it; a system prompt, a block of the <c>system</c> array).
/// </para>
/// <para>
/// Claude accepts tool ids of ASCII letters, digits, <c>_</c> and <c>-</c> only; other characters (from another
/// provider's ids) are replaced by <c>_</c> in both the call and its result, so the pair still matches.
/// </para>
/// </remarks>
internal static class ClaudeConversationWriter
{
    private static readonly SearchValues<char> SafeIdChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-");

    public static (ClaudeWireSystemPrompts? System, List<ClaudeWireMessage> Messages) Write(IList<ChatMessage> conversation)
    {
        ClaudeWireSystemPrompts? system = null;
        var messages = new List<ClaudeWireMessage>(conversation.Count);
        ClaudeWireMessage? resultTurn = null;

        // Indexed: the conversation is an interface, and foreach would box an enumerator on every request.
        for (var i = 0; i < conversation.Count; i++)
        {
            var message = conversation[i];
            switch (message.Role)
            {
                case ChatRole.System:
                    (system ??= []).Add(new ClaudeWireSystemPrompt(message.Text, message.IsCacheBreakpoint));
                    continue;

                case ChatRole.Tool:
                    if (resultTurn is null)
                    {
                        resultTurn = new ClaudeWireMessage { Role = "user", Blocks = [] };
                        messages.Add(resultTurn);
                    }

                    resultTurn.Blocks!.Add(ToolResultBlock(message));
                    break;

                case ChatRole.User when resultTurn is not null:
                    AddContent(resultTurn.Blocks!, message);
                    break;

                case ChatRole.Assistant when message.ToolCalls.Count > 0 || message.Parts.Count > 0:
                    resultTurn = null;
                    messages.Add(new ClaudeWireMessage { Role = "assistant", Blocks = AssistantBlocks(message) });
                    break;

                case ChatRole.User when message.Parts.Count > 0 || message.IsCacheBreakpoint:
                    var blocks = new List<ClaudeWireContentBlock>(Math.Max(1, message.Parts.Count));
                    AddContent(blocks, message);
                    messages.Add(new ClaudeWireMessage { Role = "user", Blocks = blocks });
                    break;

                case ChatRole.Assistant when message.IsCacheBreakpoint:
                    resultTurn = null;
                    messages.Add(new ClaudeWireMessage { Role = "assistant", Blocks = [TextBlock(message.Text)] });
                    break;

                default:
                    resultTurn = null;
                    messages.Add(new ClaudeWireMessage
                    {
                        Role = message.Role == ChatRole.Assistant ? "assistant" : "user",
                        Content = message.Text,
                    });
                    continue;
            }

            if (message.IsCacheBreakpoint && messages[^1].Blocks is [.., var last])
            {
                last.CacheControl = ClaudeWireCacheControl.Ephemeral;
            }
        }

        return (system, messages);
    }

    /// <summary>Replaces the characters Claude does not accept in a tool id by <c>_</c>.</summary>
    public static string SafeId(string id)
    {
        if (!id.AsSpan().ContainsAnyExcept(SafeIdChars))
        {
            return id;
        }

        return string.Create(id.Length, id, static (span, source) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = SafeIdChars.Contains(source[i]) ? source[i] : '_';
            }
        });
    }

    private static List<ClaudeWireContentBlock> AssistantBlocks(ChatMessage message)
    {
        var blocks = new List<ClaudeWireContentBlock>(message.ToolCalls.Count + Math.Max(1, message.Parts.Count));
        AddContent(blocks, message);
        foreach (var call in message.ToolCalls)
        {
            blocks.Add(new ClaudeWireContentBlock { Type = "tool_use", Id = SafeId(call.Id), Name = call.Name, Input = call.Arguments });
        }

        return blocks;
    }

    /// <summary>Adds a message's content: its text as one block, or its parts in order.</summary>
    private static void AddContent(List<ClaudeWireContentBlock> blocks, ChatMessage message)
    {
        if (message.Parts.Count == 0)
        {
            if (!string.IsNullOrWhiteSpace(message.Text))
            {
                blocks.Add(TextBlock(message.Text));
            }

            return;
        }

        foreach (var part in message.Parts)
        {
            if (ToBlock(part) is { } block)
            {
                blocks.Add(block);
            }
        }
    }

    private static ClaudeWireContentBlock? ToBlock(ChatContentPart part) => part switch
    {
        ChatTextPart { Text.Length: > 0 } text => TextBlock(text.Text),
        ChatImagePart image => new ClaudeWireContentBlock
        {
            Type = "image",
            Source = new ClaudeWireSource { Bytes = image.Data, MediaType = image.MediaType, Url = image.Url },
        },
        ChatDocumentPart document => new ClaudeWireContentBlock
        {
            Type = "document",
            Source = new ClaudeWireSource { Bytes = document.Data, MediaType = document.MediaType, Url = document.Url, Text = document.Text },
            Title = document.Title,
        },
        ChatReasoningPart { IsRedacted: true } redacted => new ClaudeWireContentBlock { Type = "redacted_thinking", Data = redacted.ProtectedData },
        ChatReasoningPart { ProtectedData: { } signature } thinking => new ClaudeWireContentBlock { Type = "thinking", Thinking = thinking.Text, Signature = signature },
        _ => null,
    };

    private static ClaudeWireContentBlock TextBlock(string text) => new() { Type = "text", Text = text };

    private static ClaudeWireContentBlock ToolResultBlock(ChatMessage message) => new()
    {
        Type = "tool_result",
        ToolUseId = SafeId(message.ToolCallId!),
        Content = message.Text,
        IsError = message.IsToolError ? true : null,
    };
}
