namespace MultiModel;

/// <summary>The tool rules of <see cref="ChatRequest.Validate"/>.</summary>
public sealed partial class ChatRequest
{
    /// <summary>Checks the conversation's tool turns: every call is answered by tool results right after it, and every result answers one call.</summary>
    private void ValidateToolTurns(string param)
    {
        // Created with the first tool turn: a conversation without tools validates without allocating.
        HashSet<string>? seenCallIds = null;
        HashSet<string>? open = null;
        string? openOwner = null;
        for (var i = 0; i < Messages.Count; i++)
        {
            var message = Messages[i];
            if (message.Role == ChatRole.Tool)
            {
                var id = message.ToolCallId!;
                if (open is null || !open.Remove(id))
                {
                    throw new ArgumentException(
                        seenCallIds?.Contains(id) == true
                            ? Invariant($"Message {i} (tool result) answers tool call '{id}', which was already answered or is not from the assistant message right before the results.")
                            : Invariant($"Message {i} (tool result) refers to tool call '{id}', which no earlier assistant message made."),
                        param);
                }

                continue;
            }

            ThrowIfUnanswered(open, openOwner, i, param);
            open = null;
            if (message.ToolCalls.Count == 0)
            {
                continue;
            }

            if (message.Role != ChatRole.Assistant)
            {
                throw new ArgumentException(Invariant($"Message {i} ({message.Role}) carries tool calls; only assistant messages may."), param);
            }

            seenCallIds ??= new HashSet<string>(StringComparer.Ordinal);
            open = new HashSet<string>(StringComparer.Ordinal);
            openOwner = Invariant($"message {i}");
            foreach (var call in message.ToolCalls)
            {
                if (!seenCallIds.Add(call.Id))
                {
                    throw new ArgumentException(Invariant($"Tool call id '{call.Id}' appears more than once in the conversation."), param);
                }

                open.Add(call.Id);
            }
        }

        ThrowIfUnanswered(open, openOwner, Messages.Count, param);
    }

    /// <summary>Checks the tool definitions and the tool choice.</summary>
    private void ValidateTools(string param)
    {
        var names = Tools.Count == 0 ? null : new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Tools.Count; i++)
        {
            var tool = Tools[i] ?? throw new ArgumentException(Invariant($"Tool {i} is null."), param);
            if (!names!.Add(tool.Name))
            {
                throw new ArgumentException(Invariant($"Tool name '{tool.Name}' appears more than once."), param);
            }
        }

        switch (ToolChoice?.Kind)
        {
            case ChatToolChoiceKind.Required when Tools.Count == 0:
                throw new ArgumentException("ToolChoice is Required but the request has no tools.", param);
            case ChatToolChoiceKind.Specific when names?.Contains(ToolChoice.ToolName!) != true:
                throw new ArgumentException(Invariant($"ToolChoice names tool '{ToolChoice.ToolName}', which is not among the request's tools."), param);
        }
    }

    private static void ThrowIfUnanswered(HashSet<string>? open, string? owner, int index, string param)
    {
        if (open is { Count: > 0 })
        {
            throw new ArgumentException(
                Invariant($"Tool call(s) {string.Join(", ", open.Order(StringComparer.Ordinal).Select(id => $"'{id}'"))} of {owner} have no result before message {index}; send one tool result per call right after the assistant message."),
                param);
        }
    }
}
