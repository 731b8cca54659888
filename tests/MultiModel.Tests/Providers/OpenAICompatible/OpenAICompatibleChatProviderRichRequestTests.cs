using MultiModel.Providers.OpenAICompatible;
using MultiModel.Tests.Providers.ChatCompletions;
using MultiModel.Tests.TestSupport;
using static MultiModel.Tests.Providers.ChatCompletions.ChatCompletionsHttp;

namespace MultiModel.Tests.Providers.OpenAICompatible;

/// <summary>What an OpenAI-compatible endpoint takes by default and when it declares more (documents as file parts) or less.</summary>
[Parallelizable(ParallelScope.All)]
public class OpenAICompatibleChatProviderRichRequestTests
{
    private const string Url = "http://127.0.0.1:11434/v1/chat/completions";

    private const string Answer = """
        {"id":"gen-1","object":"chat.completion","model":"llava",
         "choices":[{"index":0,"message":{"role":"assistant","content":"ok"},"finish_reason":"stop"}],
         "usage":{"prompt_tokens":12,"completion_tokens":1,"total_tokens":13}}
        """;

    [Test]
    public void CheckRequest_DocumentsByDefault_Unsupported()
    {
        using var http = new ChatCompletionsHttp();

        var support = Create(http.Client).CheckRequest(new ChatRequest([ChatMessage.FromUser("Summarise.", ChatContentPart.FromPdf(TestMedia.ProcedurePdf))]));

        Assert.That(support.Reason, Is.EqualTo("unsupported: llava takes no documents"));
    }

    [Test]
    public async Task GetResponseAsync_DocumentsDeclared_FileParts()
    {
        using var http = new ChatCompletionsHttp();
        var sent = http.Expect(Url, Answer);
        var request = new ChatRequest([ChatMessage.FromUser(
            "What do these say?",
            ChatContentPart.FromPdf(TestMedia.ProcedurePdf, "procedure.pdf"),
            ChatContentPart.FromTextDocument("06:00 EPS bus_voltage=28.1"))]);

        await Create(http.Client, o => o.SupportsDocuments = true).GetResponseAsync(request);

        AssertJsonEqual(sent.Body, $$$"""
            {"model":"llava","messages":[{"role":"user","content":[
              {"type":"file","file":{"filename":"procedure.pdf","file_data":"data:application/pdf;base64,{{{Convert.ToBase64String(TestMedia.ProcedurePdf)}}}"}},
              {"type":"file","file":{"filename":"document.txt","file_data":"data:text/plain;base64,{{{Convert.ToBase64String("06:00 EPS bus_voltage=28.1"u8.ToArray())}}}"}},
              {"type":"text","text":"What do these say?"}]}]}
            """);
    }

    [Test]
    public void CheckRequest_PdfByAddressWithDocumentsDeclared_Unsupported()
    {
        using var http = new ChatCompletionsHttp();

        var support = Create(http.Client, o => o.SupportsDocuments = true)
            .CheckRequest(new ChatRequest([ChatMessage.FromUser("Summarise.", ChatContentPart.FromPdf(new Uri("https://docs.example/manual.pdf")))]));

        Assert.That(support.Reason, Is.EqualTo("unsupported: the endpoint cannot download a PDF from an address; give its bytes"));
    }

    [Test]
    public async Task GetResponseAsync_WebpImage_AcceptedAsAnImageUrl()
    {
        using var http = new ChatCompletionsHttp();
        var sent = http.Expect(Url, Answer);

        await Create(http.Client).GetResponseAsync(new ChatRequest([ChatMessage.FromUser(ChatContentPart.FromImage(TestMedia.PlotWebp, "image/webp"))]));

        Assert.That(sent.Body, Does.Contain("data:image/webp;base64,"));
    }

    [Test]
    public async Task GetResponseAsync_LogprobsDeclaredUnsupported_NotSent()
    {
        using var http = new ChatCompletionsHttp();
        var sent = http.Expect(Url, Answer);

        await Create(http.Client, o => o.SupportsLogprobs = false).GetResponseAsync(new ChatRequest("Hi") { IncludeLogprobs = true, TopLogprobs = 2 });

        AssertJsonEqual(sent.Body, """{"model":"llava","messages":[{"role":"user","content":"Hi"}]}""");
    }

    [Test]
    public void CheckRequest_UnknownModel_NoWindowUntilConfigured()
    {
        using var http = new ChatCompletionsHttp();
        var request = new ChatRequest(TelemetryText.Log(5100));

        Assert.Multiple(() =>
        {
            Assert.That(Create(http.Client).CheckRequest(request).IsSupported, Is.True);
            Assert.That(Create(http.Client, o => o.ContextWindowTokens = 32_768).CheckRequest(request).Category, Is.EqualTo(ChatRequestSupport.ContextWindowCategory));
        });
    }

    [Test]
    public void CheckRequest_ReasoningEffortsDeclared_OnlyThose()
    {
        using var http = new ChatCompletionsHttp();
        var request = new ChatRequest("Why?") { Reasoning = new ChatReasoningOptions { Effort = ChatReasoningEffort.High } };

        Assert.Multiple(() =>
        {
            Assert.That(Create(http.Client).CheckRequest(request).IsSupported, Is.True);
            Assert.That(Create(http.Client, o => o.ReasoningEfforts = ChatReasoningEfforts.None).CheckRequest(request).Reason, Is.EqualTo("unsupported: llava takes no reasoning option"));
        });
    }

    private static OpenAICompatibleChatProvider Create(HttpClient client, Action<OpenAICompatibleProviderOptions>? configure = null)
    {
        var options = new OpenAICompatibleProviderOptions { Name = "local", Model = "llava", BaseUrl = new Uri("http://127.0.0.1:11434/v1") };
        configure?.Invoke(options);
        return new OpenAICompatibleChatProvider(client, options);
    }
}
