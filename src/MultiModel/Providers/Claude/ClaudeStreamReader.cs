using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using MultiModel.Internal;

namespace MultiModel.Providers.Claude;

/// <summary>Turns a Messages API event stream into <see cref="ChatResponseUpdate"/>s.</summary>
/// <remarks>
/// Events are keyed off their JSON <c>type</c>. Text and thinking deltas become updates as they arrive; a
/// <c>tool_use</c> block's <c>input_json_delta</c> fragments are accumulated and the whole call becomes one update at
/// the block's <c>content_block_stop</c>. A thinking block (text and signature) or a redacted one is completed at its
/// stop too and rides, as <see cref="ChatResponseUpdate.ReasoningParts"/>, on the next update (the first text, a tool
/// call, or the final update); <c>message_stop</c> produces the one final update.
/// <c>ping</c>, citation deltas, server-tool blocks, and event types added later are skipped. An <c>error</c> event is thrown as a stream error; a stream that ends
/// without <c>message_stop</c> is thrown as truncated.
/// </remarks>
internal static class ClaudeStreamReader
{
    private static readonly SseItemParser<ClaudeWireStreamEvent> Parser = ParseEvent;

    public static async IAsyncEnumerable<ChatResponseUpdate> ReadAsync(
        ProviderTransport transport,
        HttpResponseMessage response,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? responseId = null;
        string? modelId = null;
        string? stopReason = null;
        var usage = new ClaudeUsageAccumulator();
        var toolCalls = new ClaudeToolCallReader();
        var reasoning = new ClaudeReasoningReader();

        await foreach (var item in transport.ReadSseAsync(response, Parser, cancellationToken).ConfigureAwait(false))
        {
            var data = item.Data;
            switch (data.Type)
            {
                case "message_start":
                    responseId = data.Message?.Id ?? responseId;
                    modelId = data.Message?.Model ?? modelId;
                    usage.Merge(data.Message?.Usage);
                    break;

                case "content_block_delta" when data.Delta is { Type: "text_delta", Text: { Length: > 0 } text }:
                    yield return Piece(text: text, reasoningParts: reasoning.TakeCompleted());
                    break;

                case "content_block_delta" when data.Delta is { Type: "thinking_delta", Thinking: { Length: > 0 } thinking }:
                    reasoning.Append(data.Index, thinking);
                    yield return Piece(reasoningText: thinking);
                    break;

                case "content_block_delta" when data.Delta is { Type: "signature_delta", Signature: { } signature }:
                    reasoning.Sign(data.Index, signature);
                    break;

                case "content_block_start" when data.ContentBlock is { Type: "thinking" or "redacted_thinking" } block:
                    reasoning.Start(data.Index, block);
                    break;

                case "content_block_start" when data.ContentBlock is { Type: "tool_use" } block:
                    toolCalls.Start(data.Index, block, transport, response);
                    break;

                case "content_block_delta" when data.Delta is { Type: "input_json_delta" } delta:
                    toolCalls.Append(data.Index, delta.PartialJson);
                    break;

                case "content_block_stop" when toolCalls.Complete(data.Index, transport, response) is { } call:
                    yield return Piece(toolCalls: [call], reasoningParts: reasoning.TakeCompleted());
                    break;

                case "content_block_stop":
                    reasoning.Complete(data.Index);
                    break;

                case "message_delta":
                    stopReason = data.Delta?.StopReason ?? stopReason;
                    usage.Merge(data.Usage);
                    break;

                case "message_stop":
                    yield return new ChatResponseUpdate
                    {
                        ProviderName = transport.ProviderName,
                        ModelId = modelId,
                        ResponseId = responseId,
                        IsFinal = true,
                        FinishReason = ClaudeFinishReasons.Map(stopReason),
                        RawFinishReason = stopReason,
                        Usage = usage.ToChatUsage(),
                        ReasoningParts = reasoning.TakeCompleted(),
                    };
                    yield break;

                case "error":
                    throw transport.StreamError(data.ErrorPayload, response);
            }
        }

        throw transport.Truncated("message_stop", response);

        ChatResponseUpdate Piece(string? text = null, string? reasoningText = null, IReadOnlyList<ChatToolCall>? toolCalls = null, IReadOnlyList<ChatReasoningPart>? reasoningParts = null) => new()
        {
            ProviderName = transport.ProviderName,
            ModelId = modelId,
            ResponseId = responseId,
            Text = text,
            ReasoningText = reasoningText,
            ToolCalls = toolCalls,
            ReasoningParts = reasoningParts,
        };
    }

    /// <summary>Parses one event's data; an <c>error</c> event keeps its raw payload for the exception.</summary>
    /// <exception cref="JsonException">The data is not valid JSON (the transport reports a malformed answer).</exception>
    private static ClaudeWireStreamEvent ParseEvent(string eventType, ReadOnlySpan<byte> data)
    {
        if (string.Equals(eventType, "error", StringComparison.Ordinal))
        {
            return new ClaudeWireStreamEvent { Type = "error", ErrorPayload = data.ToArray() };
        }

        if (data.Trim(" \t\r\n"u8).IsEmpty)
        {
            // An event without data (a bare "event: ping", say) carries nothing to read.
            return new ClaudeWireStreamEvent { Type = eventType };
        }

        var parsed = JsonSerializer.Deserialize(data, ClaudeJsonContext.Default.ClaudeWireStreamEvent)
            ?? throw new JsonException("A stream event is JSON null.");
        parsed.Type ??= eventType;
        if (string.Equals(parsed.Type, "error", StringComparison.Ordinal))
        {
            parsed.ErrorPayload = data.ToArray();
        }

        return parsed;
    }
}
