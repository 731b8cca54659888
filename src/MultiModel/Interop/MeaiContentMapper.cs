using System.Text;
using Microsoft.Extensions.AI;

namespace MultiModel.Interop;

/// <summary>Maps content parts between Microsoft.Extensions.AI contents and <see cref="ChatContentPart"/>s, both ways.</summary>
/// <remarks>
/// Images: <see cref="DataContent"/> or <see cref="UriContent"/> with an <c>image/*</c> media type. Documents:
/// <c>application/pdf</c> data or address, <c>text/plain</c> data. Reasoning: <see cref="TextReasoningContent"/>, its
/// <see cref="TextReasoningContent.ProtectedData"/> carrying a Claude signature (or, with empty text, a redacted
/// block's data); our part rides along as the raw representation, so a round trip keeps it exactly.
/// </remarks>
internal static class MeaiContentMapper
{
    /// <summary>Converts an MEAI image or document content, or returns <see langword="null"/> for a content that is neither.</summary>
    /// <exception cref="NotSupportedException">The content is data or an address of a media type no provider reads.</exception>
    /// <exception cref="ArgumentException">The image or PDF is not valid (see <see cref="ChatContentPart.FromImage(ReadOnlyMemory{byte}, string)"/>).</exception>
    public static ChatContentPart? ToMediaPart(AIContent content) => content switch
    {
        DataContent data when data.HasTopLevelMediaType("image") => ChatContentPart.FromImage(data.Data, data.MediaType),
        DataContent { MediaType: "application/pdf" } data => ChatContentPart.FromPdf(data.Data, data.Name),
        DataContent { MediaType: "text/plain" } data => ChatContentPart.FromTextDocument(Encoding.UTF8.GetString(data.Data.Span), data.Name),
        UriContent uri when uri.HasTopLevelMediaType("image") => ChatContentPart.FromImage(uri.Uri),
        UriContent { MediaType: "application/pdf" } uri => ChatContentPart.FromPdf(uri.Uri),
        DataContent or UriContent => throw new NotSupportedException($"{content.GetType().Name} of type {MediaType(content)} is not supported; only images, PDF and plain-text documents are."),
        _ => null,
    };

    /// <summary>Converts MEAI reasoning into a reasoning part: ours when it rode along, else built from the text and protected data.</summary>
    public static ChatReasoningPart ToReasoningPart(TextReasoningContent reasoning) =>
        reasoning.RawRepresentation as ChatReasoningPart
        ?? (reasoning.Text.Length == 0 && !string.IsNullOrEmpty(reasoning.ProtectedData)
            ? ChatContentPart.FromRedactedReasoning(reasoning.ProtectedData)
            : ChatContentPart.FromReasoning(reasoning.Text, reasoning.ProtectedData));

    /// <summary>Converts a part into MEAI content.</summary>
    public static AIContent ToContent(ChatContentPart part) => part switch
    {
        ChatTextPart text => new TextContent(text.Text) { RawRepresentation = part },
        ChatImagePart { Url: { } url } => new UriContent(url, "image/*") { RawRepresentation = part },
        ChatImagePart image => new DataContent(image.Data, image.MediaType!) { RawRepresentation = part },
        ChatDocumentPart { Url: { } url } => new UriContent(url, "application/pdf") { RawRepresentation = part },
        ChatDocumentPart { Text: { } text } document => new DataContent(Encoding.UTF8.GetBytes(text), "text/plain") { Name = document.Title, RawRepresentation = part },
        ChatDocumentPart document => new DataContent(document.Data, document.MediaType) { Name = document.Title, RawRepresentation = part },
        ChatReasoningPart reasoning => ToContent(reasoning, reasoning.Text),
        _ => throw new NotSupportedException($"{part.GetType().Name} has no Microsoft.Extensions.AI counterpart."),
    };

    /// <summary>Converts a reasoning part into MEAI reasoning with the given text (empty when the text was already streamed).</summary>
    public static TextReasoningContent ToContent(ChatReasoningPart reasoning, string text) =>
        new(text) { ProtectedData = reasoning.ProtectedData, RawRepresentation = reasoning };

    private static string MediaType(AIContent content) => content switch
    {
        DataContent data => data.MediaType,
        UriContent uri => uri.MediaType,
        _ => content.GetType().Name,
    };
}
