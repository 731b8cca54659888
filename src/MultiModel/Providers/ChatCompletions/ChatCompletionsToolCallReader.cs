using System.Globalization;
using System.Text;
using MultiModel.Internal;

namespace MultiModel.Providers.ChatCompletions;

/// <summary>Reads <c>tool_calls</c> into <see cref="ChatToolCall"/>s: whole ones from a message, streamed ones by accumulating deltas by <c>index</c>.</summary>
/// <remarks>
/// <para>
/// Streamed fragments are appended by <c>index</c> (a fragment without one continues the call with its <c>id</c>,
/// else the last call); the id and name come from the first fragment that has them, the <c>arguments</c> text is
/// concatenated. xAI sends each call whole in one delta, which is the one-fragment case.
/// </para>
/// <para>
/// Entries whose <c>type</c> is set to something other than <c>function</c> are skipped. A call without a name, or
/// whose arguments are not one JSON object (empty arguments count as <c>{}</c>), makes the answer malformed. A call
/// without an id gets <c>call_</c> plus its position. One instance follows one stream; it is not thread-safe.
/// </para>
/// </remarks>
internal sealed class ChatCompletionsToolCallReader
{
    private readonly SortedDictionary<int, Pending> _pending = [];
    private int _lastIndex = -1;

    public bool HasPending => _pending.Count > 0;

    /// <summary>Reads the tool calls of a whole message.</summary>
    /// <exception cref="ChatProviderException">A call has no name or unreadable arguments.</exception>
    public static IReadOnlyList<ChatToolCall> ReadWhole(List<ChatCompletionsToolCallDto?>? toolCalls, ProviderTransport transport, HttpResponseMessage response)
    {
        if (toolCalls is not { Count: > 0 })
        {
            return [];
        }

        var reader = new ChatCompletionsToolCallReader();
        for (var i = 0; i < toolCalls.Count; i++)
        {
            if (toolCalls[i] is { } call)
            {
                reader.Add(call.Index ?? i, call);
            }
        }

        return reader.Complete(transport, response);
    }

    /// <summary>Takes in the tool-call fragments of one delta.</summary>
    public void Append(List<ChatCompletionsToolCallDto?>? fragments)
    {
        if (fragments is null)
        {
            return;
        }

        foreach (var fragment in fragments)
        {
            if (fragment is not null)
            {
                Add(fragment.Index ?? IndexOf(fragment.Id), fragment);
            }
        }
    }

    /// <summary>Completes every pending call, in index order, and forgets them.</summary>
    /// <exception cref="ChatProviderException">A call has no name or unreadable arguments.</exception>
    public IReadOnlyList<ChatToolCall> Complete(ProviderTransport transport, HttpResponseMessage response)
    {
        var calls = new List<ChatToolCall>(_pending.Count);
        foreach (var (index, pending) in _pending)
        {
            if (pending.IsOtherType)
            {
                continue;
            }

            var id = string.IsNullOrWhiteSpace(pending.Id) ? string.Create(CultureInfo.InvariantCulture, $"call_{index}") : pending.Id;
            if (string.IsNullOrWhiteSpace(pending.Name))
            {
                throw transport.Malformed($"Tool call '{id}' has no function name.", response);
            }

            try
            {
                calls.Add(ChatToolCall.Parse(id, pending.Name, pending.Arguments.ToString()));
            }
            catch (ArgumentException ex)
            {
                throw transport.Malformed($"The arguments of tool call '{id}' are not one JSON object.", response, ex);
            }
        }

        _pending.Clear();
        return calls;
    }

    private int IndexOf(string? id)
    {
        if (id is not null)
        {
            foreach (var (index, pending) in _pending)
            {
                if (string.Equals(pending.Id, id, StringComparison.Ordinal))
                {
                    return index;
                }
            }

            return _lastIndex + 1;
        }

        return Math.Max(_lastIndex, 0);
    }

    private void Add(int index, ChatCompletionsToolCallDto fragment)
    {
        if (!_pending.TryGetValue(index, out var pending))
        {
            pending = new Pending();
            _pending[index] = pending;
        }

        _lastIndex = Math.Max(_lastIndex, index);
        pending.Id ??= string.IsNullOrEmpty(fragment.Id) ? null : fragment.Id;
        pending.Name ??= string.IsNullOrEmpty(fragment.Function?.Name) ? null : fragment.Function.Name;
        pending.IsOtherType |= fragment.Type is { } type && !string.Equals(type, "function", StringComparison.Ordinal);
        pending.Arguments.Append(fragment.Function?.Arguments);
    }

    private sealed class Pending
    {
        public string? Id { get; set; }

        public string? Name { get; set; }

        public bool IsOtherType { get; set; }

        public StringBuilder Arguments { get; } = new();
    }
}
