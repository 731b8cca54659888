using MultiModel.Internal;

namespace MultiModel;

/// <summary>Represents a document in a user message: a PDF (bytes or address) or a plain text, with an optional title.</summary>
/// <remarks>
/// <para>
/// Built with <see cref="ChatContentPart.FromPdf(ReadOnlyMemory{byte}, string)"/>, <see cref="ChatContentPart.FromPdf(Uri, string)"/>
/// or <see cref="ChatContentPart.FromTextDocument"/>. Claude receives it as a <c>document</c> block (<c>base64</c>, <c>url</c> or
/// <c>text</c> source). The chat-completions format has no place for documents, so Grok and OpenAI-compatible
/// endpoints cannot take a request that holds one, unless an endpoint declares documents
/// (<c>SupportsDocuments</c>), in which case they are sent as <c>file</c> parts.
/// </para>
/// </remarks>
public sealed class ChatDocumentPart : ChatContentPart
{
    private int _pages;

    internal ChatDocumentPart(string mediaType, ReadOnlyMemory<byte> data, Uri? url, string? text, string? title)
    {
        MediaType = mediaType;
        Data = data;
        Url = url;
        Text = text;
        Title = string.IsNullOrWhiteSpace(title) ? null : title;
    }

    /// <summary>Gets the media type: <c>application/pdf</c> or <c>text/plain</c>.</summary>
    public string MediaType { get; }

    /// <summary>Gets the bytes of a PDF given as bytes; empty otherwise.</summary>
    public ReadOnlyMemory<byte> Data { get; }

    /// <summary>Gets the address of a PDF given by address, or <see langword="null"/>.</summary>
    public Uri? Url { get; }

    /// <summary>Gets the text of a plain-text document, or <see langword="null"/>.</summary>
    public string? Text { get; }

    /// <summary>Gets the title the model may cite, or <see langword="null"/>.</summary>
    public string? Title { get; }

    /// <summary>Gets a value indicating whether the document is a PDF.</summary>
    public bool IsPdf => string.Equals(MediaType, MediaSniffer.Pdf, StringComparison.Ordinal);

    /// <summary>Gets the pages a PDF given as bytes shows uncompressed (at least 1; 1 for a PDF given by address, 0 for text).</summary>
    internal int PdfPages
    {
        get
        {
            if (!IsPdf)
            {
                return 0;
            }

            if (_pages == 0)
            {
                _pages = Data.IsEmpty ? 1 : MediaSniffer.CountPdfPages(Data.Span);
            }

            return _pages;
        }
    }

    /// <inheritdoc/>
    public override string ToString()
    {
        var what = Url is { } url ? $"PDF {ErrorText.Address(url)}" : IsPdf ? $"PDF ({Size(Data.Length)})" : $"text document ({Text!.Length} chars)";
        return Title is null ? what : $"{what} \"{Title}\"";
    }
}
