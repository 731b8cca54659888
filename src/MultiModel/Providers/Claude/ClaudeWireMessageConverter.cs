using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace MultiModel.Providers.Claude;

/// <summary>Writes a turn's <c>content</c> as a string (one text block) or as an array of blocks.</summary>
internal sealed class ClaudeWireMessageConverter : JsonConverter<ClaudeWireMessage>
{
    public override ClaudeWireMessage Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("Request messages are only ever written.");

    public override void Write(Utf8JsonWriter writer, ClaudeWireMessage value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("role"u8, value.Role);
        writer.WritePropertyName("content"u8);
        if (value.Blocks is { } blocks)
        {
            var typeInfo = (JsonTypeInfo<List<ClaudeWireContentBlock>>)options.GetTypeInfo(typeof(List<ClaudeWireContentBlock>));
            JsonSerializer.Serialize(writer, blocks, typeInfo);
        }
        else
        {
            writer.WriteStringValue(value.Content ?? string.Empty);
        }

        writer.WriteEndObject();
    }
}
