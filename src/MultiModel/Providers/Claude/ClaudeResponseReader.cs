using System.Text;
using System.Text.Json;
using MultiModel.Internal;

namespace MultiModel.Providers.Claude;

/// <summary>Reads a non-streamed Messages API answer into a <see cref="ChatResponse"/>.</summary>
internal static class ClaudeResponseReader
{
    /// <summary>Reads and maps the body of a successful response.</summary>
    /// <exception cref="ChatProviderException">The body is empty, not JSON, JSON null, has no <c>content</c> array, or is an error envelope.</exception>
    public static async ValueTask<ChatResponse> ReadAsync(ProviderTransport transport, HttpResponseMessage response, CancellationToken cancellationToken)
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

        var text = new TextJoiner();
        var reasoning = new TextJoiner();
        List<ChatToolCall>? toolCalls = null;
        List<ChatReasoningPart>? reasoningParts = null;
        foreach (var block in wire.Content)
        {
            switch (block?.Type)
            {
                case "text" when block.Text is not null:
                    text.Append(block.Text);
                    break;
                case "thinking" when block.Thinking is not null:
                    reasoning.Append(block.Thinking);
                    if (block.Thinking.Length > 0 || !string.IsNullOrEmpty(block.Signature))
                    {
                        (reasoningParts ??= []).Add(ChatContentPart.FromReasoning(block.Thinking, block.Signature));
                    }

                    break;
                case "redacted_thinking" when !string.IsNullOrEmpty(block.Data):
                    (reasoningParts ??= []).Add(ChatContentPart.FromRedactedReasoning(block.Data));
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
            Text = text.ToString() ?? string.Empty,
            ReasoningText = reasoning.ToString(),
            ReasoningParts = reasoningParts ?? [],
            ToolCalls = toolCalls ?? [],
            ProviderName = transport.ProviderName,
            ModelId = wire.Model,
            ResponseId = wire.Id,
            FinishReason = ClaudeFinishReasons.Map(wire.StopReason),
            RawFinishReason = wire.StopReason,
            Usage = usage.ToChatUsage(),
        };
    }

    /// <summary>Joins the texts of several blocks; one block (the usual answer) is kept as is, without a copy.</summary>
    private struct TextJoiner
    {
        private string? _single;
        private StringBuilder? _builder;

        public void Append(string value)
        {
            if (_builder is not null)
            {
                _builder.Append(value);
            }
            else if (_single is null)
            {
                _single = value;
            }
            else
            {
                _builder = new StringBuilder(_single.Length + value.Length).Append(_single).Append(value);
                _single = null;
            }
        }

        public override readonly string? ToString() => _builder?.ToString() ?? _single;
    }
}
