using System.Text.Json;
using MultiModel.Internal;

namespace MultiModel.Providers.Claude;

/// <summary>Reads the Anthropic error envelope <c>{"type":"error","error":{"type","message"},"request_id"}</c>.</summary>
/// <remarks>
/// The body may be anything (a Cloudflare HTML page for a 413, a cut JSON text, a proxy's own JSON): whatever
/// could be read before the body stopped making sense is returned, and nothing is thrown.
/// </remarks>
internal static class ClaudeErrorParser
{
    /// <summary>Gets the parser as the delegate the transport expects.</summary>
    public static ProviderErrorParser Instance { get; } = Parse;

    public static ProviderError Parse(ReadOnlySpan<byte> body)
    {
        string? type = null, message = null, requestId = null;
        try
        {
            var reader = new Utf8JsonReader(body.StartsWith("\uFEFF"u8) ? body[3..] : body);
            if (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
            {
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals("error"u8))
                    {
                        reader.Read();
                        ReadError(ref reader, ref type, ref message);
                    }
                    else if (reader.ValueTextEquals("request_id"u8))
                    {
                        reader.Read();
                        requestId = ReadString(ref reader);
                    }
                    else
                    {
                        reader.Read();
                        reader.Skip();
                    }
                }
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // Not JSON, cut short, or a string that is not valid UTF-8: keep what was read so far.
        }

        return new ProviderError(type, message, requestId, ErrorText.SaysContextTooLong(message));
    }

    private static void ReadError(ref Utf8JsonReader reader, ref string? type, ref string? message)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            // Some proxies send {"error": "text"}.
            message = reader.GetString();
            return;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                type = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("message"u8))
            {
                reader.Read();
                message = ReadString(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    private static string? ReadString(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetString();
        }

        reader.Skip();
        return null;
    }
}
