using System.Text;
using System.Text.Json;
using MultiModel.Internal;

namespace MultiModel.Providers.Claude;

/// <summary>Reads a non-streamed Messages API answer into a <see cref="ChatResponse"/>.</summary>
internal static class ClaudeResponseReader
{
    /// <summary>Reads and maps the body of a successful response.</summary>
    /// <exception cref="ChatProviderException">The body is empty, not JSON, JSON null, has no <c>content</c> array, or is an error envelope.</exception>
    public static async Task<ChatResponse> ReadAsync(ProviderTransport transport, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var wire = await transport.ReadJsonAsync(response, ClaudeJsonContext.Default.ClaudeWireResponse, cancellationToken).ConfigureAwait(false);
        if (wire.Error is not null || string.Equals(wire.Type, "error", StringComparison.Ordinal))
        {
            // An error envelope with status 200: the transport's error parser reads it from the envelope bytes.
            var envelope = new ClaudeWireErrorEnvelope { Error = wire.Error, RequestId = wire.RequestId };
            throw transport.StreamError(JsonSerializer.SerializeToUtf8Bytes(envelope, ClaudeJsonContext.Default.ClaudeWireErrorEnvelope), response);
        }

        if (wire.Content is null)
        {
            throw transport.Malformed("The response has no content array.", response);
        }

        StringBuilder? text = null;
        StringBuilder? reasoning = null;
        List<ChatToolCall>? toolCalls = null;
        foreach (var block in wire.Content)
        {
            switch (block?.Type)
            {
                case "text" when block.Text is not null:
                    (text ??= new StringBuilder()).Append(block.Text);
                    break;
                case "thinking" when block.Thinking is not null:
                    (reasoning ??= new StringBuilder()).Append(block.Thinking);
                    break;
                case "tool_use":
                    (toolCalls ??= []).Add(ClaudeToolCallReader.FromBlock(block, transport, response));
                    break;
            }
        }

        var usage = new ClaudeUsageAccumulator();
        usage.Merge(wire.Usage);
        return new ChatResponse
        {
            Text = text?.ToString() ?? string.Empty,
            ReasoningText = reasoning?.ToString(),
            ToolCalls = toolCalls ?? [],
            ProviderName = transport.ProviderName,
            ModelId = wire.Model,
            ResponseId = wire.Id,
            FinishReason = ClaudeFinishReasons.Map(wire.StopReason),
            RawFinishReason = wire.StopReason,
            Usage = usage.ToChatUsage(),
        };
    }
}
