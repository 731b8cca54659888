using System.Text;
using System.Text.Json;
using MultiModel.Internal;

namespace MultiModel.Providers.ChatCompletions;

/// <summary>Reads the error bodies of chat-completions servers; never throws.</summary>
/// <remarks>
/// <para>
/// Shapes understood: xAI's flat <c>{"code": "...", "error": "message"}</c> (type = code); OpenAI's nested
/// <c>{"error": {"message", "type", "code"}}</c> (type = type, else code); <c>{"error": "message"}</c>;
/// vLLM-style top-level <c>{"message", "type", "code"}</c>; and anything else as plain text, whose trimmed text becomes the message
/// unless it looks like an HTML page.
/// </para>
/// </remarks>
internal static class ChatCompletionsErrorParser
{
    private const int MaxPlainTextMessage = 1000;

    /// <summary>Gets the parser as a <see cref="ProviderErrorParser"/>.</summary>
    public static ProviderErrorParser Instance { get; } = Parse;

    /// <summary>Reads an error body.</summary>
    public static ProviderError Parse(ReadOnlySpan<byte> body)
    {
        string? type = null;
        string? message = null;
        if (TryReadJsonObject(body, out var root))
        {
            try
            {
                var nested = root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object ? error : root;
                message = Text(nested, "message") ?? (error.ValueKind == JsonValueKind.String ? error.GetString() : null);
                type = Text(nested, "type") ?? Text(nested, "code") ?? Text(root, "code");
            }
            catch (InvalidOperationException)
            {
                // A string that is not valid UTF-8 (JSON parsing checks structure only): read the body as text instead.
                type = null;
                message = PlainText(body);
            }
        }
        else
        {
            message = PlainText(body);
        }

        var contextTooLong = ErrorText.SaysContextTooLong(message) || ErrorText.SaysContextTooLong(type);
        return new ProviderError(type, message, RequestId: null, contextTooLong);
    }

    private static bool TryReadJsonObject(ReadOnlySpan<byte> body, out JsonElement root)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            using var document = JsonDocument.ParseValue(ref reader);
            root = document.RootElement.Clone();
            return root.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            root = default;
            return false;
        }
    }

    private static string? Text(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            return null;
        }

        var text = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        };
        return string.IsNullOrWhiteSpace(text) ? null : text;
    }

    private static string? PlainText(ReadOnlySpan<byte> body)
    {
        var text = Encoding.UTF8.GetString(body).Trim();
        if (text.Length == 0 || text.StartsWith('<'))
        {
            return null;
        }

        return text.Length <= MaxPlainTextMessage ? text : string.Concat(text.AsSpan(0, MaxPlainTextMessage), "…");
    }
}
