using System.Globalization;
using MultiModel.Internal;

namespace MultiModel;

/// <summary>Represents an image in a user message: its bytes with their media type, or an address the provider downloads.</summary>
/// <remarks>
/// <para>
/// Built with <see cref="ChatContentPart.FromImage(ReadOnlyMemory{byte}, string)"/> or <see cref="ChatContentPart.FromImage(Uri)"/>.
/// Claude receives it as an <c>image</c> block (<c>base64</c> or <c>url</c> source), OpenAI-style providers as an
/// <c>image_url</c> part (a <c>data:</c> address for bytes). Claude reads JPEG, PNG, GIF and WebP up to 5 MB as sent
/// and 8000 × 8000 pixels; xAI reads JPEG and PNG up to 20 MiB.
/// </para>
/// </remarks>
public sealed class ChatImagePart : ChatContentPart
{
    internal ChatImagePart(ReadOnlyMemory<byte> data, string? mediaType, Uri? url, int? width, int? height)
    {
        Data = data;
        MediaType = mediaType;
        Url = url;
        Width = width;
        Height = height;
    }

    /// <summary>Gets the encoded image; empty when the image is given by <see cref="Url"/>.</summary>
    public ReadOnlyMemory<byte> Data { get; }

    /// <summary>Gets the media type of <see cref="Data"/> (for example <c>image/png</c>); <see langword="null"/> for an image given by address.</summary>
    public string? MediaType { get; }

    /// <summary>Gets the address of the image, or <see langword="null"/> when the bytes are given.</summary>
    public Uri? Url { get; }

    /// <summary>Gets the width in pixels, read from the image's header; <see langword="null"/> for an image given by address.</summary>
    public int? Width { get; }

    /// <summary>Gets the height in pixels, read from the image's header; <see langword="null"/> for an image given by address.</summary>
    public int? Height { get; }

    /// <summary>Gets the number of characters of the base64 text that carries <see cref="Data"/> on the wire.</summary>
    internal long Base64Length => (Data.Length + 2L) / 3 * 4;

    /// <inheritdoc/>
    public override string ToString() => Url is { } url
        ? $"image {ErrorText.Address(url)}"
        : string.Create(CultureInfo.InvariantCulture, $"{MediaType} {Width}x{Height} ({Size(Data.Length)})");
}
