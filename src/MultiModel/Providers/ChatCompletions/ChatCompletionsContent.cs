using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MultiModel.Providers.ChatCompletions;

/// <summary>A message's <c>content</c>: a string, or an array of parts (<c>text</c>, <c>image_url</c>, <c>file</c>).</summary>
[JsonConverter(typeof(ChatCompletionsContentConverter))]
internal readonly struct ChatCompletionsContent
{
    private ChatCompletionsContent(string? text, IReadOnlyList<ChatContentPart>? parts)
    {
        Text = text;
        Parts = parts;
    }

    /// <summary>Gets the text, when the content is a string.</summary>
    public string? Text { get; }

    /// <summary>Gets the parts, when the content is an array.</summary>
    public IReadOnlyList<ChatContentPart>? Parts { get; }

    public static implicit operator ChatCompletionsContent(string text) => new(text, null);

    public static ChatCompletionsContent FromParts(IReadOnlyList<ChatContentPart> parts) => new(null, parts);
}

/// <summary>
/// Writes a <see cref="ChatCompletionsContent"/>: a string as is; parts as <c>{"type":"text"}</c>,
/// <c>{"type":"image_url","image_url":{"url":…}}</c> (bytes as a <c>data:</c> address) and
/// <c>{"type":"file","file":{"filename","file_data"}}</c> (documents, for endpoints that declare them). Reasoning
/// parts and empty text parts have no place in the format and are not written.
/// </summary>
/// <remarks>A <c>data:</c> address is encoded straight into the body from a pooled buffer, without an intermediate string.</remarks>
internal sealed class ChatCompletionsContentConverter : JsonConverter<ChatCompletionsContent>
{
    public override ChatCompletionsContent Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("Request content is only ever written.");

    public override void Write(Utf8JsonWriter writer, ChatCompletionsContent value, JsonSerializerOptions options)
    {
        if (value.Parts is not { } parts)
        {
            writer.WriteStringValue(value.Text);
            return;
        }

        writer.WriteStartArray();
        foreach (var part in parts)
        {
            switch (part)
            {
                case ChatTextPart { Text.Length: > 0 } text:
                    writer.WriteStartObject();
                    writer.WriteString("type"u8, "text"u8);
                    writer.WriteString("text"u8, text.Text);
                    writer.WriteEndObject();
                    break;
                case ChatImagePart image:
                    writer.WriteStartObject();
                    writer.WriteString("type"u8, "image_url"u8);
                    writer.WriteStartObject("image_url"u8);
                    WriteAddress(writer, "url"u8, image.Url, image.MediaType, image.Data.Span);
                    writer.WriteEndObject();
                    writer.WriteEndObject();
                    break;
                case ChatDocumentPart document:
                    writer.WriteStartObject();
                    writer.WriteString("type"u8, "file"u8);
                    writer.WriteStartObject("file"u8);
                    writer.WriteString("filename"u8, document.Title ?? (document.IsPdf ? "document.pdf" : "document.txt"));
                    ReadOnlySpan<byte> bytes = document.Text is { } plain ? Encoding.UTF8.GetBytes(plain) : document.Data.Span;
                    WriteAddress(writer, "file_data"u8, null, document.MediaType, bytes);
                    writer.WriteEndObject();
                    writer.WriteEndObject();
                    break;
            }
        }

        writer.WriteEndArray();
    }

    /// <summary>Writes an address: the given one, or a <c>data:{mediaType};base64,…</c> address of the bytes.</summary>
    private static void WriteAddress(Utf8JsonWriter writer, ReadOnlySpan<byte> name, Uri? url, string? mediaType, ReadOnlySpan<byte> data)
    {
        if (url is not null)
        {
            writer.WriteString(name, url.AbsoluteUri);
            return;
        }

        // "data:" + media type + ";base64," + base64, quoted: every character is safe in a JSON string.
        var prefix = $"\"data:{mediaType};base64,";
        var length = prefix.Length + Base64.GetMaxEncodedToUtf8Length(data.Length) + 1;
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var written = Encoding.ASCII.GetBytes(prefix, buffer);
            Base64.EncodeToUtf8(data, buffer.AsSpan(written), out _, out var encoded);
            written += encoded;
            buffer[written++] = (byte)'"';
            writer.WritePropertyName(name);
            writer.WriteRawValue(buffer.AsSpan(0, written), skipInputValidation: true);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
