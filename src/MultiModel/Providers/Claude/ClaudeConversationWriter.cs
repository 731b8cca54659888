using System.Buffers;

namespace MultiModel.Providers.Claude;

/// <summary>Turns the conversation into Claude turns: system prompts apart, tool calls as <c>tool_use</c> blocks, tool results as <c>tool_result</c> blocks of a user turn.</summary>
/// <remarks>
/// <para>
/// Plain text messages keep the string shorthand. An assistant message with tool calls becomes a block list (its text
/// first, when there is any, then one <c>tool_use</c> per call). Consecutive tool results become one user turn of
/// <c>tool_result</c> blocks; a user message right after them joins that turn as a trailing text block, since
/// Claude expects the results and the next user text in one turn.
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

    public static (List<string>? System, List<ClaudeWireMessage> Messages) Write(IList<ChatMessage> conversation)
    {
        List<string>? system = null;
        var messages = new List<ClaudeWireMessage>(conversation.Count);
        ClaudeWireMessage? resultTurn = null;
        foreach (var message in conversation)
        {
            switch (message.Role)
            {
                case ChatRole.System:
                    (system ??= []).Add(message.Text);
                    continue;

                case ChatRole.Tool:
                    if (resultTurn is null)
                    {
                        resultTurn = new ClaudeWireMessage { Role = "user", Blocks = [] };
                        messages.Add(resultTurn);
                    }

                    resultTurn.Blocks!.Add(new ClaudeWireContentBlock
                    {
                        Type = "tool_result",
                        ToolUseId = SafeId(message.ToolCallId!),
                        Content = message.Text,
                        IsError = message.IsToolError ? true : null,
                    });
                    continue;

                case ChatRole.User when resultTurn is not null:
                    resultTurn.Blocks!.Add(new ClaudeWireContentBlock { Type = "text", Text = message.Text });
                    continue;

                case ChatRole.Assistant when message.ToolCalls.Count > 0:
                    resultTurn = null;
                    messages.Add(new ClaudeWireMessage { Role = "assistant", Blocks = ToolUseBlocks(message) });
                    continue;

                default:
                    resultTurn = null;
                    messages.Add(new ClaudeWireMessage
                    {
                        Role = message.Role == ChatRole.Assistant ? "assistant" : "user",
                        Content = message.Text,
                    });
                    continue;
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

    private static List<ClaudeWireContentBlock> ToolUseBlocks(ChatMessage message)
    {
        var blocks = new List<ClaudeWireContentBlock>(message.ToolCalls.Count + 1);
        if (!string.IsNullOrWhiteSpace(message.Text))
        {
            blocks.Add(new ClaudeWireContentBlock { Type = "text", Text = message.Text });
        }

        foreach (var call in message.ToolCalls)
        {
            blocks.Add(new ClaudeWireContentBlock { Type = "tool_use", Id = SafeId(call.Id), Name = call.Name, Input = call.Arguments });
        }

        return blocks;
    }
}
