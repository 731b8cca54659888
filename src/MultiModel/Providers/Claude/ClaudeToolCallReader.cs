using System.Text;
using System.Text.Json;
using MultiModel.Internal;

namespace MultiModel.Providers.Claude;

/// <summary>Reads Claude <c>tool_use</c> blocks into <see cref="ChatToolCall"/>s: whole ones from an answer, streamed ones by accumulating <c>input_json_delta</c> fragments.</summary>
/// <remarks>
/// A streamed block's fragments are concatenated and parsed at its <c>content_block_stop</c>; no fragment means the
/// input of the block shell (usually <c>{}</c>). Missing ids or names and input that is not one JSON object make the
/// answer malformed. One instance follows one stream; it is not thread-safe.
/// </remarks>
internal sealed class ClaudeToolCallReader
{
    private readonly Dictionary<int, PendingCall> _pending = [];

    /// <summary>Reads a whole <c>tool_use</c> block.</summary>
    /// <exception cref="ChatProviderException">The block has no id or name, or its input is not a JSON object.</exception>
    public static ChatToolCall FromBlock(ClaudeWireBlock block, ProviderTransport transport, HttpResponseMessage response)
    {
        var (id, name) = IdAndName(block, transport, response);
        var input = block.Input is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) } value ? value : EmptyObject();
        return Create(id, name, input, transport, response);
    }

    /// <summary>Starts a streamed <c>tool_use</c> block announced by <c>content_block_start</c>.</summary>
    /// <exception cref="ChatProviderException">The block has no index, id or name.</exception>
    public void Start(int? index, ClaudeWireBlock block, ProviderTransport transport, HttpResponseMessage response)
    {
        var (id, name) = IdAndName(block, transport, response);
        var key = index ?? throw transport.Malformed("A tool_use block start has no index.", response);
        _pending[key] = new PendingCall(id, name, block.Input);
    }

    /// <summary>Appends an <c>input_json_delta</c> fragment; fragments of blocks that were not started are ignored.</summary>
    public void Append(int? index, string? partialJson)
    {
        if (index is { } key && _pending.TryGetValue(key, out var call) && !string.IsNullOrEmpty(partialJson))
        {
            call.Json.Append(partialJson);
        }
    }

    /// <summary>Completes the block at <paramref name="index"/> if it is a pending tool call.</summary>
    /// <returns>The call, or <see langword="null"/> when the block is not a pending tool call.</returns>
    /// <exception cref="ChatProviderException">The accumulated input is not one JSON object.</exception>
    public ChatToolCall? Complete(int? index, ProviderTransport transport, HttpResponseMessage response)
    {
        if (index is not { } key || !_pending.Remove(key, out var call))
        {
            return null;
        }

        if (call.Json.Length == 0)
        {
            var shell = call.ShellInput is { ValueKind: JsonValueKind.Object } input ? input : EmptyObject();
            return Create(call.Id, call.Name, shell, transport, response);
        }

        try
        {
            using var document = JsonDocument.Parse(call.Json.ToString());
            return Create(call.Id, call.Name, document.RootElement, transport, response);
        }
        catch (JsonException ex)
        {
            throw transport.Malformed($"The streamed input of tool call '{call.Id}' is not valid JSON.", response, ex);
        }
    }

    private static (string Id, string Name) IdAndName(ClaudeWireBlock block, ProviderTransport transport, HttpResponseMessage response)
    {
        if (string.IsNullOrWhiteSpace(block.Id) || string.IsNullOrWhiteSpace(block.Name))
        {
            throw transport.Malformed("A tool_use block has no id or no name.", response);
        }

        return (block.Id, block.Name);
    }

    private static ChatToolCall Create(string id, string name, JsonElement input, ProviderTransport transport, HttpResponseMessage response)
    {
        if (input.ValueKind != JsonValueKind.Object)
        {
            throw transport.Malformed($"The input of tool call '{id}' is not a JSON object.", response);
        }

        return new ChatToolCall(id, name, input);
    }

    private static JsonElement EmptyObject()
    {
        using var document = JsonDocument.Parse("{}"u8.ToArray());
        return document.RootElement.Clone();
    }

    private sealed class PendingCall(string id, string name, JsonElement? shellInput)
    {
        public string Id { get; } = id;

        public string Name { get; } = name;

        public JsonElement? ShellInput { get; } = shellInput;

        public StringBuilder Json { get; } = new();
    }
}
