using System.Buffers.Text;
using System.Globalization;
using System.Text.Json;

namespace MultiModel.Testing.Internal;

/// <summary>What the emulator reads from a request's conversation: its size in tokens, and the first image or document part the real API would reject.</summary>
/// <remarks>
/// Text counts about four characters a token plus a few per message; an image counts <see cref="AnthropicImageTokens"/>
/// or <see cref="XaiImageTokens"/> (the most each API documents per image) and a PDF <see cref="PdfTokens"/>. Parts
/// are checked as the APIs check them: Anthropic takes JPEG, PNG, GIF and WebP images and PDF or plain-text
/// documents, as base64 (valid, at most 5 MB) or by address; xAI takes JPEG and PNG images as <c>data:</c> or web
/// addresses, and no documents.
/// </remarks>
internal readonly record struct EmulatedPrompt(int InputTokens, int ImageTokens, string? Problem)
{
    public const int AnthropicImageTokens = 1600;
    public const int XaiImageTokens = 1792;
    public const int PdfTokens = 1500;

    private const int MaxAnthropicImageBase64 = 5 * 1024 * 1024;

    private static readonly string[] AnthropicImageTypes = ["image/jpeg", "image/png", "image/gif", "image/webp"];
    private static readonly string[] XaiImagePrefixes = ["data:image/jpeg;base64,", "data:image/png;base64,", "https://", "http://"];

    /// <summary>Reads the system prompt and the messages of a request body.</summary>
    public static EmulatedPrompt Read(JsonElement body, EmulatedProviderKind kind)
    {
        var reader = new Reader(kind == EmulatedProviderKind.Anthropic);
        if (body.ValueKind == JsonValueKind.Object)
        {
            if (body.TryGetProperty("system", out var system))
            {
                reader.Content(system, "system");
                reader.Messages++;
            }

            if (body.TryGetProperty("messages", out var messages) && messages.ValueKind == JsonValueKind.Array)
            {
                var index = 0;
                foreach (var message in messages.EnumerateArray())
                {
                    if (message.ValueKind == JsonValueKind.Object && message.TryGetProperty("content", out var content))
                    {
                        reader.Content(content, string.Create(CultureInfo.InvariantCulture, $"messages.{index}.content"));
                    }

                    reader.Messages++;
                    index++;
                }
            }
        }

        var textTokens = ((reader.Characters + 3) / 4) + (reader.Messages * 4);
        return new EmulatedPrompt(Math.Max(1, textTokens + reader.ImageTokens + reader.DocumentTokens), reader.ImageTokens, reader.Problem);
    }

    private sealed class Reader(bool anthropic)
    {
        public int Characters { get; private set; }

        public int Messages { get; set; }

        public int ImageTokens { get; private set; }

        public int DocumentTokens { get; private set; }

        public string? Problem { get; private set; }

        public void Content(JsonElement content, string path)
        {
            switch (content.ValueKind)
            {
                case JsonValueKind.String:
                    Characters += content.GetString()!.Length;
                    break;
                case JsonValueKind.Array:
                    var index = 0;
                    foreach (var part in content.EnumerateArray())
                    {
                        Part(part, string.Create(CultureInfo.InvariantCulture, $"{path}.{index++}"));
                    }

                    break;
            }
        }

        private void Part(JsonElement part, string path)
        {
            if (part.ValueKind != JsonValueKind.Object)
            {
                return;
            }

            switch (WireJson.GetString(part, "type"))
            {
                case "image" when anthropic:
                    ImageTokens += AnthropicImageTokens;
                    Problem ??= AnthropicSourceProblem(part, path + ".image.source", AnthropicImageTypes, MaxAnthropicImageBase64);
                    break;
                case "document" when anthropic:
                    var source = part.TryGetProperty("source", out var s) ? s : default;
                    if (WireJson.GetString(source, "type") == "text")
                    {
                        Characters += WireJson.GetString(source, "data")?.Length ?? 0;
                    }
                    else
                    {
                        DocumentTokens += PdfTokens;
                    }

                    Problem ??= AnthropicSourceProblem(part, path + ".document.source", ["application/pdf", "text/plain"], int.MaxValue);
                    break;
                case "image_url" when !anthropic:
                    ImageTokens += XaiImageTokens;
                    var url = part.TryGetProperty("image_url", out var image) ? WireJson.GetString(image, "url") : null;
                    Problem ??= url is not null && XaiImagePrefixes.Any(p => url.StartsWith(p, StringComparison.OrdinalIgnoreCase))
                        ? null
                        : $"{path}: image_url.url must be a JPEG or PNG image as a data: URL (base64) or a web address.";
                    break;
                case "file" when !anthropic:
                    Problem ??= $"{path}: content parts of type 'file' are not supported; use the Files API.";
                    break;
                default:
                    foreach (var property in part.EnumerateObject())
                    {
                        if (property.NameEquals("text") || property.NameEquals("content") || property.NameEquals("thinking"))
                        {
                            Content(property.Value, path);
                        }
                    }

                    break;
            }
        }

        /// <summary>Checks an Anthropic <c>source</c>: base64 with an accepted media type and valid data, a url, or (documents) text.</summary>
        private static string? AnthropicSourceProblem(JsonElement part, string path, string[] mediaTypes, int maxBase64)
        {
            if (!part.TryGetProperty("source", out var source) || source.ValueKind != JsonValueKind.Object)
            {
                return path + ": Field required";
            }

            switch (WireJson.GetString(source, "type"))
            {
                case "url":
                    return WireJson.GetString(source, "url") is { Length: > 0 } ? null : path + ".url: Field required";
                case "text" when mediaTypes.Contains("text/plain"):
                    return WireJson.GetString(source, "data") is not null ? null : path + ".text.data: Field required";
                case "base64":
                    var mediaType = WireJson.GetString(source, "media_type");
                    if (mediaType is null || !mediaTypes.Contains(mediaType))
                    {
                        return $"{path}.base64.media_type: Input should be {string.Join(" or ", mediaTypes.Select(t => $"'{t}'"))}";
                    }

                    var data = WireJson.GetString(source, "data") ?? string.Empty;
                    if (data.Length == 0 || !Base64.IsValid(data))
                    {
                        return path + ".base64.data: The data is not valid base64.";
                    }

                    return data.Length > maxBase64
                        ? string.Create(CultureInfo.InvariantCulture, $"{path}.base64.data: image exceeds 5 MB maximum: {data.Length} bytes > {maxBase64} bytes")
                        : null;
                default:
                    return path + ".type: Input should be 'base64', 'url'" + (mediaTypes.Contains("text/plain") ? " or 'text'" : string.Empty);
            }
        }
    }
}
