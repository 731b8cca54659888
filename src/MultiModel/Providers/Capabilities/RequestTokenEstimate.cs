using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace MultiModel.Providers.Capabilities;

/// <summary>Estimates the prompt tokens of a request: messages, system prompts, tool calls and results, tools, schema, images, documents.</summary>
/// <remarks>
/// <para>
/// Text is estimated by <see cref="TextTokenCounter"/>; each message adds <see cref="MessageTokens"/> for the chat
/// framing; an image costs what its provider documents (<see cref="MediaRules.ImageTokens"/>); a PDF costs
/// <see cref="PdfPageTokens"/> per page it shows uncompressed. Reasoning blocks sent back are not counted (Claude
/// drops earlier turns' thinking from the context).
/// </para>
/// <para>
/// <see cref="UpperBound"/> rests on a byte-level tokenizer never making more tokens than UTF-8 bytes. Its quick form
/// reads no text (a UTF-16 character is at most three bytes); its exact form counts the bytes (a vectorized pass).
/// When a bound fits the window, the request fits and the estimate is skipped, so an ordinary prompt costs one pass
/// over its messages, not over its text.
/// </para>
/// </remarks>
internal static class RequestTokenEstimate
{
    /// <summary>The tokens counted per message for the chat framing (role markers): the least any format uses.</summary>
    public const int MessageTokens = 3;

    /// <summary>The most tokens counted per message for the chat framing in <see cref="UpperBound"/>.</summary>
    public const int MaxMessageTokens = 16;

    /// <summary>The tokens counted per PDF page: the low end of Anthropic's documented 1,500 to 3,000.</summary>
    public const int PdfPageTokens = 1500;

    /// <summary>Estimates the prompt tokens.</summary>
    public static long Estimate(ChatRequest request, MediaRules rules)
    {
        var counter = new Estimator(rules);
        Walk(request, ref counter);
        return counter.Tokens;
    }

    /// <summary>Bounds the prompt tokens from above, or returns <see langword="null"/> when a part has no known bound (a PDF, an image of an API that documents no maximum).</summary>
    /// <param name="request">The request.</param>
    /// <param name="rules">The API's image costs.</param>
    /// <param name="exact"><see langword="false"/> for three bytes per character without reading the text; <see langword="true"/> to count the UTF-8 bytes.</param>
    public static long? UpperBound(ChatRequest request, MediaRules rules, bool exact)
    {
        var counter = new Bound(rules, exact);
        Walk(request, ref counter);
        return counter.Unbounded ? null : counter.Tokens;
    }

    private static void Walk<TCounter>(ChatRequest request, ref TCounter counter)
        where TCounter : struct, ICounter
    {
        // Indexed loops: the lists are interfaces, and foreach would box an enumerator per list on every check.
        var messages = request.Messages;
        for (var m = 0; m < messages.Count; m++)
        {
            var message = messages[m];
            if (message is null)
            {
                continue;
            }

            counter.AddMessage();
            var parts = message.Parts;
            if (parts.Count == 0)
            {
                counter.AddText(message.Text);
            }
            else
            {
                for (var p = 0; p < parts.Count; p++)
                {
                    switch (parts[p])
                    {
                        case ChatTextPart text: counter.AddText(text.Text); break;
                        case ChatImagePart image: counter.AddImage(image); break;
                        case ChatDocumentPart { Text: { } text }: counter.AddText(text); break;
                        case ChatDocumentPart pdf: counter.AddPdf(pdf); break;
                    }
                }
            }

            for (var c = 0; c < message.ToolCalls.Count; c++)
            {
                var call = message.ToolCalls[c];
                counter.AddText(call.Name);
                counter.AddJson(call.Arguments);
            }
        }

        for (var t = 0; t < request.Tools.Count; t++)
        {
            if (request.Tools[t] is { } tool)
            {
                counter.AddText(tool.Name);
                counter.AddText(tool.Description ?? string.Empty);
                counter.AddJson(tool.ParametersSchema);
            }
        }

        if (request.ResponseFormat is { } format)
        {
            counter.AddJson(format.Schema);
        }
    }

    private interface ICounter
    {
        void AddMessage();

        void AddText(string text);

        void AddJson(JsonElement json);

        void AddImage(ChatImagePart image);

        void AddPdf(ChatDocumentPart pdf);
    }

    private struct Estimator(MediaRules rules) : ICounter
    {
        public long Tokens { get; private set; }

        public void AddMessage() => Tokens += MessageTokens;

        public void AddText(string text) => Tokens += TextTokenCounter.Count(text);

        public void AddJson(JsonElement json) => Tokens += TextTokenCounter.Count(JsonMarshal.GetRawUtf8Value(json));

        public void AddImage(ChatImagePart image) => Tokens += rules.ImageTokens(image);

        public void AddPdf(ChatDocumentPart pdf) => Tokens += (long)pdf.PdfPages * PdfPageTokens;
    }

    private struct Bound(MediaRules rules, bool exact) : ICounter
    {
        public long Tokens { get; private set; }

        public bool Unbounded { get; private set; }

        public void AddMessage() => Tokens += MaxMessageTokens;

        public void AddText(string text) => Tokens += exact ? Encoding.UTF8.GetByteCount(text) : 3L * text.Length;

        public void AddJson(JsonElement json) => Tokens += JsonMarshal.GetRawUtf8Value(json).Length;

        public void AddImage(ChatImagePart image)
        {
            Tokens += rules.MaxImageTokens ?? 0;
            Unbounded |= rules.MaxImageTokens is null;
        }

        public void AddPdf(ChatDocumentPart pdf) => Unbounded = true;
    }
}
