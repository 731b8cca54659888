using System.Buffers;
using System.Text;
using System.Text.Json;

namespace MultiModel.Testing.Internal;

/// <summary>Writes wire JSON by hand with <see cref="Utf8JsonWriter"/>, so the exact shape is visible and no reflection is involved.</summary>
internal static class WireJson
{
    /// <summary>Writes one JSON object whose members the callback writes.</summary>
    public static byte[] Object(Action<Utf8JsonWriter> writeMembers)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writeMembers(writer);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes one JSON object as a string.</summary>
    public static string Write(Action<Utf8JsonWriter> writeMembers) => Encoding.UTF8.GetString(Object(writeMembers));

    /// <summary>Inserts spaces before the closing brace, as the Anthropic API pads its stream events.</summary>
    public static byte[] PadBeforeClosingBrace(byte[] json, int spaces)
    {
        if (spaces <= 0 || json.Length == 0)
        {
            return json;
        }

        var padded = new byte[json.Length + spaces];
        json.AsSpan(0, json.Length - 1).CopyTo(padded);
        padded.AsSpan(json.Length - 1, spaces).Fill((byte)' ');
        padded[^1] = json[^1];
        return padded;
    }

    /// <summary>Reads a string property, or returns null when it is missing or not a string.</summary>
    public static string? GetString(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    /// <summary>Reads a boolean property, or returns false when it is missing or not a boolean.</summary>
    public static bool GetBool(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

    /// <summary>Reads an integer property, or returns null when it is missing or not an integer.</summary>
    public static int? GetInt(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number)
            ? number
            : null;
}
