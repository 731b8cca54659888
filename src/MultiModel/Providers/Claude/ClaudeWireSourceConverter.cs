using System.Text.Json;
using System.Text.Json.Serialization;

namespace MultiModel.Providers.Claude;

/// <summary>Writes an image or document <c>source</c>: bytes as <c>base64</c> (encoded straight into the body, without an intermediate string), an address as <c>url</c>, plain text as <c>text</c>.</summary>
internal sealed class ClaudeWireSourceConverter : JsonConverter<ClaudeWireSource>
{
    public override ClaudeWireSource Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("Sources are only ever written.");

    public override void Write(Utf8JsonWriter writer, ClaudeWireSource value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        if (value.Url is { } url)
        {
            writer.WriteString("type"u8, "url"u8);
            writer.WriteString("url"u8, url.AbsoluteUri);
        }
        else if (value.Text is { } text)
        {
            writer.WriteString("type"u8, "text"u8);
            writer.WriteString("media_type"u8, value.MediaType);
            writer.WriteString("data"u8, text);
        }
        else
        {
            writer.WriteString("type"u8, "base64"u8);
            writer.WriteString("media_type"u8, value.MediaType);
            writer.WriteBase64String("data"u8, value.Bytes.Span);
        }

        writer.WriteEndObject();
    }
}
