using System.Globalization;
using MultiModel.Internal;

namespace MultiModel.Providers.Capabilities;

/// <summary>What a provider's API accepts in images and documents, and what an image costs in tokens.</summary>
/// <remarks>
/// Sources (read Aug 2026): Anthropic "Vision" (JPEG, PNG, GIF, WebP; 5 MB per image; 8000 × 8000 pixels, 2000 × 2000
/// when a request holds more than 20 images; about width × height / 750 tokens after scaling the long edge to 1568
/// pixels, about 1,600 at most) and "PDF support" (32 MB per request; 1,500 to 3,000 tokens per page); xAI "Image
/// understanding" (JPEG and PNG, 20 MiB per image) and "Consumption and rate limits" (256 to 1,792 tokens per image);
/// OpenAI "Images and vision" (85 tokens for a low-detail image, the least any image costs).
/// </remarks>
internal sealed class MediaRules
{
    private const long MiB = 1024 * 1024;

    private MediaRules()
    {
    }

    /// <summary>Gets the rules of the Anthropic Messages API.</summary>
    public static MediaRules Anthropic { get; } = new()
    {
        ApiName = "Claude",
        ImageMediaTypes = [MediaSniffer.Jpeg, MediaSniffer.Png, MediaSniffer.Gif, MediaSniffer.Webp],
        MaxImageBase64Length = 5 * MiB,
        MaxImagePixels = 8000,
        ManyImages = 20,
        MaxImagePixelsWhenMany = 2000,
        MinImageTokens = 0,
        MaxImageTokens = 1600,
        ClaudeImageTokens = true,
        PdfUrls = true,
        MaxPdfBytes = 32 * MiB,
    };

    /// <summary>Gets the rules of xAI's chat completions.</summary>
    public static MediaRules Xai { get; } = new()
    {
        ApiName = "xAI",
        ImageMediaTypes = [MediaSniffer.Jpeg, MediaSniffer.Png],
        MaxImageBytes = 20 * MiB,
        MinImageTokens = 256,
        MaxImageTokens = 1792,
    };

    /// <summary>Gets the rules of an OpenAI-compatible endpoint: the four common image types, no size limit known.</summary>
    public static MediaRules OpenAICompatible { get; } = new()
    {
        ApiName = "the endpoint",
        ImageMediaTypes = [MediaSniffer.Jpeg, MediaSniffer.Png, MediaSniffer.Gif, MediaSniffer.Webp],
        MinImageTokens = 85,
    };

    /// <summary>Gets the name used in reasons (<c>Claude takes images up to 5 MB</c>).</summary>
    public required string ApiName { get; init; }

    public required string[] ImageMediaTypes { get; init; }

    /// <summary>Gets the largest image as base64 text on the wire (Anthropic counts the encoded size), or <see langword="null"/>.</summary>
    public long? MaxImageBase64Length { get; init; }

    /// <summary>Gets the largest image file (xAI counts the file), or <see langword="null"/>.</summary>
    public long? MaxImageBytes { get; init; }

    public int? MaxImagePixels { get; init; }

    /// <summary>Gets the image count above which <see cref="MaxImagePixelsWhenMany"/> applies.</summary>
    public int ManyImages { get; init; } = int.MaxValue;

    public int? MaxImagePixelsWhenMany { get; init; }

    /// <summary>Gets the tokens counted for an image whose size is unknown: the least an image costs.</summary>
    public int MinImageTokens { get; init; }

    /// <summary>Gets the most an image can cost, or <see langword="null"/> when unknown.</summary>
    public int? MaxImageTokens { get; init; }

    /// <summary>Gets a value indicating whether an image of known size costs Anthropic's width × height / 750 after scaling.</summary>
    public bool ClaudeImageTokens { get; init; }

    /// <summary>Gets a value indicating whether a PDF may be given by address (only Claude downloads documents).</summary>
    public bool PdfUrls { get; init; }

    public long? MaxPdfBytes { get; init; }

    /// <summary>Counts an image's tokens: Anthropic's documented formula for an image of known size, else the least an image costs.</summary>
    public long ImageTokens(ChatImagePart image)
    {
        if (!ClaudeImageTokens || image.Width is not { } width || image.Height is not { } height)
        {
            return MinImageTokens;
        }

        // The long edge is scaled down to 1568 pixels; larger images are also scaled to about 1.15 megapixels (1,600 tokens).
        var scale = Math.Min(1.0, 1568.0 / Math.Max(width, height));
        var pixels = width * scale * height * scale;
        return Math.Min(MaxImageTokens ?? long.MaxValue, (long)Math.Ceiling(pixels / 750));
    }

    /// <summary>Describes why the API cannot take an image, or returns <see langword="null"/>.</summary>
    /// <param name="image">The image.</param>
    /// <param name="imageCount">How many images the request holds.</param>
    public string? FindImageProblem(ChatImagePart image, int imageCount)
    {
        if (image.MediaType is { } type && Array.IndexOf(ImageMediaTypes, type) < 0)
        {
            return $"{ApiName} takes {string.Join(", ", ImageMediaTypes)} images, not {type}";
        }

        if (MaxImageBase64Length is { } maxEncoded && image.Base64Length > maxEncoded)
        {
            return Invariant($"{ApiName} takes images up to {maxEncoded / MiB} MB as sent (base64); this one is {image.Base64Length / (double)MiB:0.#} MB");
        }

        if (MaxImageBytes is { } maxBytes && image.Data.Length > maxBytes)
        {
            return Invariant($"{ApiName} takes images up to {maxBytes / MiB} MiB; this one is {image.Data.Length / (double)MiB:0.#} MiB");
        }

        var maxPixels = imageCount > ManyImages ? MaxImagePixelsWhenMany : MaxImagePixels;
        if (maxPixels is { } max && (image.Width > max || image.Height > max))
        {
            return Invariant($"{ApiName} takes images up to {max} x {max} pixels{(imageCount > ManyImages ? Invariant($" when a request holds more than {ManyImages}") : string.Empty)}; this one is {image.Width} x {image.Height}");
        }

        return null;
    }

    /// <summary>Describes why the API cannot take a document, or returns <see langword="null"/>.</summary>
    public string? FindDocumentProblem(ChatDocumentPart document)
    {
        if (document.Url is not null && !PdfUrls)
        {
            return $"{ApiName} cannot download a PDF from an address; give its bytes";
        }

        if (MaxPdfBytes is { } max && document.Data.Length > max)
        {
            return Invariant($"{ApiName} takes PDFs up to {max / MiB} MB; this one is {document.Data.Length / (double)MiB:0.#} MB");
        }

        return null;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
