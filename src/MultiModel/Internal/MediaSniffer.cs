using System.Buffers.Binary;

namespace MultiModel.Internal;

/// <summary>Reads what the first bytes of an image or PDF say: the format, an image's size in pixels, a PDF's pages.</summary>
/// <remarks>
/// Only headers are read (PNG <c>IHDR</c>, GIF logical screen, JPEG start-of-frame, WebP <c>VP8</c>/<c>VP8L</c>/<c>VP8X</c>),
/// so a check costs microseconds whatever the size of the file. Nothing is decoded: a file whose header is intact but
/// whose pixels are corrupt still passes, and the provider reports it.
/// </remarks>
internal static class MediaSniffer
{
    public const string Jpeg = "image/jpeg";
    public const string Png = "image/png";
    public const string Gif = "image/gif";
    public const string Webp = "image/webp";
    public const string Pdf = "application/pdf";
    public const string PlainText = "text/plain";

    private static ReadOnlySpan<byte> PngSignature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private static ReadOnlySpan<byte> JpegSignature => [0xFF, 0xD8, 0xFF];

    /// <summary>Finds an image's format and size from its header.</summary>
    /// <returns><see langword="true"/> when the bytes start like a JPEG, PNG, GIF or WebP image whose size could be read.</returns>
    public static bool TryReadImage(ReadOnlySpan<byte> data, out string mediaType, out int width, out int height)
    {
        mediaType = DetectImageType(data) ?? string.Empty;
        (width, height) = mediaType switch
        {
            Png => ReadPng(data),
            Gif => ReadGif(data),
            Jpeg => ReadJpeg(data),
            Webp => ReadWebp(data),
            _ => (0, 0),
        };
        return width > 0 && height > 0;
    }

    /// <summary>Names the image format the bytes start with, or returns <see langword="null"/> when they start like none.</summary>
    public static string? DetectImageType(ReadOnlySpan<byte> data) =>
        data.StartsWith(PngSignature) ? Png
        : data.StartsWith("GIF87a"u8) || data.StartsWith("GIF89a"u8) ? Gif
        : data.StartsWith(JpegSignature) ? Jpeg
        : data.Length >= 12 && data.StartsWith("RIFF"u8) && data[8..12].SequenceEqual("WEBP"u8) ? Webp
        : null;

    /// <summary>Tells whether the bytes are a PDF: the <c>%PDF-</c> marker within the first kilobyte, as readers accept it.</summary>
    public static bool IsPdf(ReadOnlySpan<byte> data) => data[..Math.Min(data.Length, 1024)].IndexOf("%PDF-"u8) >= 0;

    /// <summary>Counts the page objects (<c>/Type /Page</c>) a PDF shows uncompressed; at least 1.</summary>
    /// <remarks>A lower bound: pages described inside compressed object streams are not seen.</remarks>
    public static int CountPdfPages(ReadOnlySpan<byte> data)
    {
        var pages = 0;
        while (data.IndexOf("/Type"u8) is var at and >= 0)
        {
            data = data[(at + 5)..];
            var rest = data.TrimStart(" \r\n\t"u8);
            if (rest.StartsWith("/Page"u8) && (rest.Length == 5 || !char.IsAsciiLetter((char)rest[5])))
            {
                pages++;
            }
        }

        return Math.Max(1, pages);
    }

    private static (int Width, int Height) ReadPng(ReadOnlySpan<byte> data) =>
        data.Length >= 24 && data[12..16].SequenceEqual("IHDR"u8)
            ? (ToInt(BinaryPrimitives.ReadUInt32BigEndian(data[16..])), ToInt(BinaryPrimitives.ReadUInt32BigEndian(data[20..])))
            : (0, 0);

    private static (int Width, int Height) ReadGif(ReadOnlySpan<byte> data) =>
        data.Length >= 10 ? (BinaryPrimitives.ReadUInt16LittleEndian(data[6..]), BinaryPrimitives.ReadUInt16LittleEndian(data[8..])) : (0, 0);

    /// <summary>Walks the JPEG segments up to the first start-of-frame marker, which holds the size.</summary>
    private static (int Width, int Height) ReadJpeg(ReadOnlySpan<byte> data)
    {
        var at = 2;
        while (at + 4 <= data.Length)
        {
            if (data[at] != 0xFF)
            {
                return (0, 0);
            }

            var marker = data[at + 1];
            if (marker == 0xFF)
            {
                at++; // fill byte
                continue;
            }

            if (marker is 0x01 or (>= 0xD0 and <= 0xD8))
            {
                at += 2; // a marker without a length
                continue;
            }

            if (marker is 0xD9 or 0xDA)
            {
                return (0, 0); // end of image, or scan data before any frame header
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(data[(at + 2)..]);
            var isFrame = marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC;
            if (isFrame)
            {
                return at + 9 <= data.Length
                    ? (BinaryPrimitives.ReadUInt16BigEndian(data[(at + 7)..]), BinaryPrimitives.ReadUInt16BigEndian(data[(at + 5)..]))
                    : (0, 0);
            }

            at += 2 + length;
        }

        return (0, 0);
    }

    private static (int Width, int Height) ReadWebp(ReadOnlySpan<byte> data)
    {
        if (data.Length < 30)
        {
            return (0, 0);
        }

        var chunk = data[12..16];
        if (chunk.SequenceEqual("VP8 "u8) && data[23] == 0x9D && data[24] == 0x01 && data[25] == 0x2A)
        {
            return (BinaryPrimitives.ReadUInt16LittleEndian(data[26..]) & 0x3FFF, BinaryPrimitives.ReadUInt16LittleEndian(data[28..]) & 0x3FFF);
        }

        if (chunk.SequenceEqual("VP8L"u8) && data[20] == 0x2F)
        {
            var bits = BinaryPrimitives.ReadUInt32LittleEndian(data[21..]);
            return ((int)(bits & 0x3FFF) + 1, (int)((bits >> 14) & 0x3FFF) + 1);
        }

        if (chunk.SequenceEqual("VP8X"u8))
        {
            return (ReadUInt24(data[24..]) + 1, ReadUInt24(data[27..]) + 1);
        }

        return (0, 0);
    }

    private static int ReadUInt24(ReadOnlySpan<byte> data) => data[0] | (data[1] << 8) | (data[2] << 16);

    private static int ToInt(uint value) => value > int.MaxValue ? 0 : (int)value;
}
