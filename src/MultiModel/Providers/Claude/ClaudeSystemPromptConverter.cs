using System.Text.Json;
using System.Text.Json.Serialization;

namespace MultiModel.Providers.Claude;

/// <summary>Writes the <c>system</c> field: a plain string for one prompt without a cache mark, an array of text blocks otherwise.</summary>
/// <remarks>
/// The array form keeps the prompts apart exactly as the caller gave them, instead of joining them with a separator,
/// and is the only form that carries a <c>cache_control</c> breakpoint.
/// </remarks>
internal sealed class ClaudeSystemPromptConverter : JsonConverter<ClaudeWireSystemPrompts>
{
    public override ClaudeWireSystemPrompts Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("The system prompt is only ever written.");

    public override void Write(Utf8JsonWriter writer, ClaudeWireSystemPrompts value, JsonSerializerOptions options)
    {
        if (value is [{ Cache: false } single])
        {
            writer.WriteStringValue(single.Text);
            return;
        }

        writer.WriteStartArray();
        foreach (var prompt in value)
        {
            writer.WriteStartObject();
            writer.WriteString("type"u8, "text"u8);
            writer.WriteString("text"u8, prompt.Text);
            if (prompt.Cache)
            {
                writer.WriteStartObject("cache_control"u8);
                writer.WriteString("type"u8, "ephemeral"u8);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }
}
