using System.Text.Json;
using System.Text.Json.Serialization;

namespace MultiModel.Providers.Claude;

/// <summary>
/// Reads a content block or delta without ever failing on its shape: only string values of <c>type</c>, <c>text</c>,
/// <c>thinking</c> and <c>stop_reason</c> are kept; anything else (citations, tool input, server-tool results,
/// block types added later) is skipped.
/// </summary>
internal sealed class ClaudeWireBlockConverter : JsonConverter<ClaudeWireBlock>
{
    public override ClaudeWireBlock Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            SkipValue(ref reader);
            return new ClaudeWireBlock();
        }

        string? type = null, text = null, thinking = null, stopReason = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = reader.ValueTextEquals("type"u8) ? 1
                : reader.ValueTextEquals("text"u8) ? 2
                : reader.ValueTextEquals("thinking"u8) ? 3
                : reader.ValueTextEquals("stop_reason"u8) ? 4
                : 0;
            reader.Read();
            if (field == 0 || reader.TokenType != JsonTokenType.String)
            {
                SkipValue(ref reader);
                continue;
            }

            var value = reader.GetString();
            switch (field)
            {
                case 1: type = value; break;
                case 2: text = value; break;
                case 3: thinking = value; break;
                default: stopReason = value; break;
            }
        }

        return new ClaudeWireBlock { Type = type, Text = text, Thinking = thinking, StopReason = stopReason };
    }

    public override void Write(Utf8JsonWriter writer, ClaudeWireBlock value, JsonSerializerOptions options) =>
        throw new NotSupportedException("Content blocks are only ever read.");

    /// <summary>Skips the current value; the serializer has already buffered it whole, but the reader is not a final block, so Skip() would refuse.</summary>
    private static void SkipValue(ref Utf8JsonReader reader)
    {
        if (!reader.TrySkip())
        {
            throw new JsonException("A content block ended before its value did.");
        }
    }
}
