using System.Text.Json;
using System.Text.Json.Serialization;

namespace MultiModel.Providers.Claude;

/// <summary>
/// Reads a content block or delta without ever failing on its shape: only string values of <c>type</c>, <c>text</c>,
/// <c>thinking</c>, <c>signature</c>, <c>data</c>, <c>stop_reason</c>, <c>id</c>, <c>name</c> and <c>partial_json</c>,
/// and the <c>input</c> value are kept; anything else (citations, server-tool results, block types added later) is skipped.
/// </summary>
internal sealed class ClaudeWireBlockConverter : JsonConverter<ClaudeWireBlock>
{
    private enum Field
    {
        Skip,
        Type,
        Text,
        Thinking,
        Signature,
        Data,
        StopReason,
        Id,
        Name,
        PartialJson,
        Input,
    }

    public override ClaudeWireBlock Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            SkipValue(ref reader);
            return new ClaudeWireBlock();
        }

        string? type = null, text = null, thinking = null, signature = null, data = null, stopReason = null, id = null, name = null, partialJson = null;
        JsonElement? input = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = FieldOf(ref reader);
            reader.Read();
            if (field == Field.Input)
            {
                input = JsonElement.ParseValue(ref reader);
                continue;
            }

            if (field == Field.Skip || reader.TokenType != JsonTokenType.String)
            {
                SkipValue(ref reader);
                continue;
            }

            var value = reader.GetString();
            switch (field)
            {
                case Field.Type: type = value; break;
                case Field.Text: text = value; break;
                case Field.Thinking: thinking = value; break;
                case Field.Signature: signature = value; break;
                case Field.Data: data = value; break;
                case Field.StopReason: stopReason = value; break;
                case Field.Id: id = value; break;
                case Field.Name: name = value; break;
                default: partialJson = value; break;
            }
        }

        return new ClaudeWireBlock
        {
            Type = type,
            Text = text,
            Thinking = thinking,
            Signature = signature,
            Data = data,
            StopReason = stopReason,
            PartialJson = partialJson,
            ToolUse = id is null && name is null && input is null ? null : new ClaudeWireToolUse { Id = id, Name = name, Input = input },
        };
    }

    public override void Write(Utf8JsonWriter writer, ClaudeWireBlock value, JsonSerializerOptions options) =>
        throw new NotSupportedException("Content blocks are only ever read.");

    private static Field FieldOf(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("type"u8) ? Field.Type
        : reader.ValueTextEquals("text"u8) ? Field.Text
        : reader.ValueTextEquals("thinking"u8) ? Field.Thinking
        : reader.ValueTextEquals("signature"u8) ? Field.Signature
        : reader.ValueTextEquals("data"u8) ? Field.Data
        : reader.ValueTextEquals("stop_reason"u8) ? Field.StopReason
        : reader.ValueTextEquals("id"u8) ? Field.Id
        : reader.ValueTextEquals("name"u8) ? Field.Name
        : reader.ValueTextEquals("partial_json"u8) ? Field.PartialJson
        : reader.ValueTextEquals("input"u8) ? Field.Input
        : Field.Skip;

    /// <summary>Skips the current value; the serializer has already buffered it whole, but the reader is not a final block, so Skip() would refuse.</summary>
    private static void SkipValue(ref Utf8JsonReader reader)
    {
        if (!reader.TrySkip())
        {
            throw new JsonException("A content block ended before its value did.");
        }
    }
}
