using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace MultiModel.Interop;

/// <summary>Converts between tool-call arguments as a JSON object (our types) and as a dictionary (Microsoft.Extensions.AI).</summary>
/// <remarks>
/// Dictionary values that are JSON elements, strings, booleans, numbers or null are written directly; any other
/// value goes through <see cref="AIJsonUtilities.DefaultOptions"/> (source-generated contracts for common types).
/// </remarks>
internal static class MeaiJson
{
    /// <summary>Splits a JSON object into a dictionary whose values are the properties' <see cref="JsonElement"/>s.</summary>
    public static Dictionary<string, object?> ToDictionary(JsonElement arguments)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (arguments.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in arguments.EnumerateObject())
            {
                result[property.Name] = property.Value.Clone();
            }
        }

        return result;
    }

    /// <summary>Writes a dictionary of arguments as one JSON object.</summary>
    public static JsonElement ToJsonObject(IDictionary<string, object?>? arguments)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in arguments ?? new Dictionary<string, object?>())
            {
                writer.WritePropertyName(name);
                WriteValue(writer, value);
            }

            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    /// <summary>Turns a tool result object into text: strings as they are, JSON as JSON text.</summary>
    public static string ToText(object? result)
    {
        switch (result)
        {
            case null:
                return string.Empty;
            case string text:
                return text;
            case JsonElement element:
                return element.ValueKind == JsonValueKind.String ? element.GetString()! : element.GetRawText();
            case TextContent content:
                return content.Text;
            case IFormattable formattable:
                return formattable.ToString(null, CultureInfo.InvariantCulture);
        }

        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteValue(writer, result);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case JsonElement element:
                element.WriteTo(writer);
                break;
            case string text:
                writer.WriteStringValue(text);
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            case int number:
                writer.WriteNumberValue(number);
                break;
            case long number:
                writer.WriteNumberValue(number);
                break;
            case double number:
                writer.WriteNumberValue(number);
                break;
            case float number:
                writer.WriteNumberValue(number);
                break;
            case decimal number:
                writer.WriteNumberValue(number);
                break;
            default:
                JsonSerializer.Serialize(writer, value, AIJsonUtilities.DefaultOptions.GetTypeInfo(value.GetType()));
                break;
        }
    }
}
