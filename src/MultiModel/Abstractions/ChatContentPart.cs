using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using MultiModel.Internal;

namespace MultiModel;

/// <summary>Represents one part of a message's content: text, an image, a document, or the model's reasoning.</summary>
/// <remarks>
/// <para>
/// Build a message from parts with <see cref="ChatMessage.FromUser(string, ReadOnlySpan{ChatContentPart})"/> (text with
/// attachments) or <see cref="ChatMessage.FromUser(ReadOnlySpan{ChatContentPart})"/> (parts in your order). Each
/// provider writes the parts in its own format: Claude as <c>text</c>, <c>image</c> and <c>document</c> blocks,
/// OpenAI-style providers as <c>text</c> and <c>image_url</c> parts. A provider whose format or model has no place for
/// a part cannot take the request (see <see cref="IChatProvider.CheckRequest"/>).
/// </para>
/// <para>
/// The factories check what holds for every provider (a known image format whose bytes match the media type, a PDF
/// that starts like one, an absolute <c>https</c> address) and throw <see cref="ArgumentException"/> at once; each
/// provider checks its own limits (formats, sizes) before any call. Instances are immutable; bytes are referenced,
/// not copied, so do not change them afterwards.
/// </para>
/// </remarks>
public abstract class ChatContentPart
{
    private protected ChatContentPart()
    {
    }

    /// <summary>Creates a text part.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The part.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    public static ChatTextPart FromText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new ChatTextPart(text);
    }

    /// <summary>Creates an image part from the image's bytes.</summary>
    /// <param name="data">The encoded image: JPEG, PNG, GIF or WebP.</param>
    /// <param name="mediaType">The media type of <paramref name="data"/>: <c>image/jpeg</c>, <c>image/png</c>, <c>image/gif</c> or <c>image/webp</c>.</param>
    /// <returns>The part, with the image's size read from its header.</returns>
    /// <exception cref="ArgumentException">
    /// <paramref name="data"/> is empty, is not an image of <paramref name="mediaType"/>, or its size cannot be read;
    /// or <paramref name="mediaType"/> is not one of the four image types.
    /// </exception>
    public static ChatImagePart FromImage(ReadOnlyMemory<byte> data, string mediaType)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mediaType);
        var declared = mediaType.Trim().ToLowerInvariant();
        if (declared is not (MediaSniffer.Jpeg or MediaSniffer.Png or MediaSniffer.Gif or MediaSniffer.Webp))
        {
            throw new ArgumentException($"'{mediaType}' is not an image type every provider reads; use image/jpeg, image/png, image/gif or image/webp.", nameof(mediaType));
        }

        if (data.IsEmpty)
        {
            throw new ArgumentException("The image has no bytes.", nameof(data));
        }

        if (!MediaSniffer.TryReadImage(data.Span, out var actual, out var width, out var height))
        {
            throw new ArgumentException(
                actual.Length == 0
                    ? $"The bytes are not a JPEG, PNG, GIF or WebP image (media type given: {declared})."
                    : $"The {FormatName(actual)} header is damaged: the image's size in pixels cannot be read.",
                nameof(data));
        }

        if (!string.Equals(actual, declared, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The bytes are a {FormatName(actual)} image, but the media type given is {declared}.", nameof(mediaType));
        }

        return new ChatImagePart(data, declared, null, width, height);
    }

    /// <summary>Creates an image part that the provider downloads from an address.</summary>
    /// <param name="url">The absolute <c>https</c> address of the image.</param>
    /// <returns>The part; its media type and size are unknown until the provider reads it.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="url"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="url"/> is not an absolute <c>https</c> address.</exception>
    public static ChatImagePart FromImage(Uri url) => new(default, null, RequireHttps(url), null, null);

    /// <summary>Creates a PDF document part from the file's bytes.</summary>
    /// <param name="data">The PDF file.</param>
    /// <param name="title">A title the model may cite, or <see langword="null"/>.</param>
    /// <returns>The part.</returns>
    /// <exception cref="ArgumentException"><paramref name="data"/> is empty or does not start like a PDF (<c>%PDF-</c>).</exception>
    [SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "The overloads differ in a required parameter's type, so a call never binds ambiguously.")]
    public static ChatDocumentPart FromPdf(ReadOnlyMemory<byte> data, string? title = null)
    {
        if (data.IsEmpty || !MediaSniffer.IsPdf(data.Span))
        {
            throw new ArgumentException(data.IsEmpty ? "The PDF has no bytes." : "The bytes are not a PDF: no %PDF- marker at the start.", nameof(data));
        }

        return new ChatDocumentPart(MediaSniffer.Pdf, data, null, null, title);
    }

    /// <summary>Creates a PDF document part that the provider downloads from an address.</summary>
    /// <param name="url">The absolute <c>https</c> address of the PDF.</param>
    /// <param name="title">A title the model may cite, or <see langword="null"/>.</param>
    /// <returns>The part.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="url"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="url"/> is not an absolute <c>https</c> address.</exception>
    [SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "The overloads differ in a required parameter's type, so a call never binds ambiguously.")]
    public static ChatDocumentPart FromPdf(Uri url, string? title = null) => new(MediaSniffer.Pdf, default, RequireHttps(url), null, title);

    /// <summary>Creates a plain-text document part: a long text (a manual, a log) the model reads as a document.</summary>
    /// <param name="text">The document's text.</param>
    /// <param name="title">A title the model may cite, or <see langword="null"/>.</param>
    /// <returns>The part.</returns>
    /// <exception cref="ArgumentException"><paramref name="text"/> is null or empty.</exception>
    /// <remarks>Claude reads it as a <c>document</c> block; to give the same text to every provider, use a <see cref="FromText(string)"/> part.</remarks>
    public static ChatDocumentPart FromTextDocument(string text, string? title = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        return new ChatDocumentPart(MediaSniffer.PlainText, default, null, text, title);
    }

    /// <summary>Creates a reasoning part: a model's thinking, as it returned it, to send back in a later turn.</summary>
    /// <param name="text">The reasoning text.</param>
    /// <param name="protectedData">The provider's opaque data (Claude: the thinking block's <c>signature</c>), or <see langword="null"/>.</param>
    /// <returns>The part.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Both <paramref name="text"/> and <paramref name="protectedData"/> are empty.</exception>
    /// <remarks>You rarely build one: <see cref="ChatResponse.ToAssistantMessage"/> carries the answer's reasoning parts.</remarks>
    public static ChatReasoningPart FromReasoning(string text, string? protectedData = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0 && string.IsNullOrEmpty(protectedData))
        {
            throw new ArgumentException("A reasoning part needs text, protected data, or both.", nameof(text));
        }

        return new ChatReasoningPart(text, string.IsNullOrEmpty(protectedData) ? null : protectedData, isRedacted: false);
    }

    /// <summary>Creates a redacted reasoning part: reasoning the provider returned only as opaque data (Claude's <c>redacted_thinking</c>).</summary>
    /// <param name="protectedData">The opaque data, sent back unchanged.</param>
    /// <returns>The part.</returns>
    /// <exception cref="ArgumentException"><paramref name="protectedData"/> is null or empty.</exception>
    public static ChatReasoningPart FromRedactedReasoning(string protectedData)
    {
        ArgumentException.ThrowIfNullOrEmpty(protectedData);
        return new ChatReasoningPart(string.Empty, protectedData, isRedacted: true);
    }

    /// <summary>Formats a byte count for messages: <c>812 B</c>, <c>34.1 KB</c>, <c>5.2 MB</c>.</summary>
    private protected static string Size(long bytes) => bytes switch
    {
        < 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes} B"),
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.#} MB"),
    };

    private static string FormatName(string mediaType) => mediaType switch
    {
        MediaSniffer.Jpeg => "JPEG",
        MediaSniffer.Png => "PNG",
        MediaSniffer.Gif => "GIF",
        _ => "WebP",
    };

    private static Uri RequireHttps(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri || url.Scheme != Uri.UriSchemeHttps)
        {
            throw new ArgumentException($"'{ErrorText.Address(url)}' is not an absolute https address.", nameof(url));
        }

        return url;
    }
}
