using System.Text.Json;
using MultiModel.Tests.Providers.ChatCompletions;
using MultiModel.Tests.TestSupport;
using static MultiModel.Tests.Providers.ChatCompletions.ChatCompletionsHttp;
using static MultiModel.Tests.Providers.Grok.GrokTestData;

namespace MultiModel.Tests.Providers.Grok;

/// <summary>Images, reasoning effort and cache marks on the wire for Grok, and the requests Grok cannot take.</summary>
[Parallelizable(ParallelScope.All)]
public class GrokChatProviderRichRequestTests
{
    private static readonly string OkBody = Completion("""{"role":"assistant","content":"ok"}""");

    [Test]
    public async Task GetResponseAsync_ImageBytesAndAddress_ImageUrlPartsWithDataAddress()
    {
        using var http = new ChatCompletionsHttp();
        var sent = http.Expect(Url, OkBody);
        var request = new ChatRequest([ChatMessage.FromUser(
            "Which channel spikes first?",
            ChatContentPart.FromImage(TestMedia.PlotJpeg, "image/jpeg"),
            ChatContentPart.FromImage(new Uri("https://telemetry.example/plots/pass-42.png")))]);

        await CreateProvider(http.Client).GetResponseAsync(request);

        AssertJsonEqual(sent.Body, $$$"""
            {"model":"grok-4","messages":[{"role":"user","content":[
              {"type":"image_url","image_url":{"url":"data:image/jpeg;base64,{{{Convert.ToBase64String(TestMedia.PlotJpeg)}}}"}},
              {"type":"image_url","image_url":{"url":"https://telemetry.example/plots/pass-42.png"}},
              {"type":"text","text":"Which channel spikes first?"}]}]}
            """);
    }

    [Test]
    public async Task GetStreamingResponseAsync_ImageMessage_SameParts()
    {
        using var http = new ChatCompletionsHttp();
        var sent = http.ExpectStream(Url, Sse(Chunk("""{"content":"ok"}"""), Chunk("{}", "stop"), UsageChunk(), "[DONE]"));

        await CollectAsync(CreateProvider(http.Client).GetStreamingResponseAsync(new ChatRequest([ChatMessage.FromUser(ChatContentPart.FromImage(TestMedia.PlotPng, "image/png"))])));

        using var body = JsonDocument.Parse(sent.Body!);
        Assert.That(
            body.RootElement.GetProperty("messages")[0].GetProperty("content")[0].GetProperty("image_url").GetProperty("url").GetString(),
            Is.EqualTo("data:image/png;base64," + Convert.ToBase64String(TestMedia.PlotPng)));
    }

    [Test]
    public async Task GetResponseAsync_ReasoningOnGrok3Mini_ReasoningEffort()
    {
        using var http = new ChatCompletionsHttp();
        var sent = http.Expect(Url, OkBody);

        await CreateProvider(http.Client, o => o.Model = "grok-3-mini").GetResponseAsync(new ChatRequest("Why?") { Reasoning = new ChatReasoningOptions { BudgetTokens = 20000 } });

        AssertJsonEqual(sent.Body, """{"model":"grok-3-mini","messages":[{"role":"user","content":"Why?"}],"reasoning_effort":"high"}""");
    }

    [Test]
    public async Task GetResponseAsync_CacheMarks_NotWrittenBecauseXaiCachesOnItsOwn()
    {
        using var http = new ChatCompletionsHttp();
        var sent = http.Expect(Url, OkBody);
        var request = new ChatRequest([ChatMessage.FromSystem("Rules").WithCacheBreakpoint(), ChatMessage.FromUser("Hi").WithCacheBreakpoint()]) { CacheTools = true };

        await CreateProvider(http.Client).GetResponseAsync(request);

        AssertJsonEqual(sent.Body, """{"model":"grok-4","messages":[{"role":"system","content":"Rules"},{"role":"user","content":"Hi"}]}""");
    }

    [Test]
    public async Task GetResponseAsync_AssistantReasoningParts_OnlyItsTextIsSent()
    {
        using var http = new ChatCompletionsHttp();
        var sent = http.Expect(Url, OkBody);
        var request = new ChatRequest([
            ChatMessage.FromUser("Hi"),
            ChatMessage.FromAssistant([ChatContentPart.FromReasoning("claude thought", "sig"), ChatContentPart.FromText("Hello.")]),
            ChatMessage.FromUser("And?"),
        ]);

        await CreateProvider(http.Client).GetResponseAsync(request);

        AssertJsonEqual(sent.Body, """
            {"model":"grok-4","messages":[{"role":"user","content":"Hi"},{"role":"assistant","content":"Hello."},{"role":"user","content":"And?"}]}
            """);
    }

    private static IEnumerable<TestCaseData> CannotTake()
    {
        yield return Case("image-on-grok-3", "grok-3", new ChatRequest([ChatMessage.FromUser("What?", TestMedia.PlotImage())]), "unsupported: grok-3 takes no images");
        yield return Case("gif", "grok-4", new ChatRequest([ChatMessage.FromUser("What?", ChatContentPart.FromImage(TestMedia.PlotGif, "image/gif"))]),
            "unsupported: xAI takes image/jpeg, image/png images, not image/gif");
        yield return Case("pdf", "grok-4", new ChatRequest([ChatMessage.FromUser("Summarise.", ChatContentPart.FromPdf(TestMedia.ProcedurePdf))]), "unsupported: grok-4 takes no documents");
        yield return Case("text-document", "grok-4-fast", new ChatRequest([ChatMessage.FromUser("Summarise.", ChatContentPart.FromTextDocument("log"))]), "unsupported: grok-4-fast takes no documents");
        yield return Case("effort-on-grok-4", "grok-4", new ChatRequest("Why?") { Reasoning = new ChatReasoningOptions { Effort = ChatReasoningEffort.Low } },
            "unsupported: grok-4 takes no reasoning option");
        yield return Case("medium-on-grok-3-mini", "grok-3-mini", new ChatRequest("Why?") { Reasoning = new ChatReasoningOptions { Effort = ChatReasoningEffort.Medium } },
            "unsupported: grok-3-mini takes reasoning effort low, high, not medium");
        yield return Case("stop-on-grok-3-mini", "grok-3-mini", new ChatRequest("Count.") { StopSequences = { "5" } }, "unsupported: grok-3-mini takes no stop sequences");
    }

    [Test]
    public async Task GetResponseAsync_StopSequencesSaidSupported_AreSentToAModelThatReasons()
    {
        using var http = new ChatCompletionsHttp();
        var sent = http.Expect(Url, OkBody);

        await CreateProvider(http.Client, o => (o.Model, o.SupportsStopSequences) = ("grok-4", true)).GetResponseAsync(new ChatRequest("Count.") { StopSequences = { "5" } });

        AssertJsonEqual(sent.Body, """{"model":"grok-4","messages":[{"role":"user","content":"Count."}],"stop":["5"]}""");
    }

    [TestCaseSource(nameof(CannotTake))]
    public void CheckRequest_RequestGrokCannotTake_SaysWhy(string model, ChatRequest request, string reason)
    {
        using var http = new ChatCompletionsHttp();

        var support = CreateProvider(http.Client, o => o.Model = model).CheckRequest(request);

        Assert.That(support.Reason, Is.EqualTo(reason));
    }

    [TestCaseSource(nameof(CannotTake))]
    public void GetResponseAsync_RequestGrokCannotTake_ThrowsTheReasonWithoutARequest(string model, ChatRequest request, string reason)
    {
        using var http = new ChatCompletionsHttp();
        var anything = http.AnswerAnything();

        var ex = Assert.ThrowsAsync<ArgumentException>(() => CreateProvider(http.Client, o => o.Model = model).GetResponseAsync(request));

        Assert.Multiple(() =>
        {
            Assert.That(ex!.Message, Does.Contain(reason));
            Assert.That(http.Handler.GetMatchCount(anything), Is.Zero);
        });
    }

    [Test]
    public void CheckRequest_150kTokenLogOnGrok3_ContextWindowAndNoRequestWhenCalled()
    {
        using var http = new ChatCompletionsHttp();
        var anything = http.AnswerAnything();
        var grok = CreateProvider(http.Client, o => o.Model = "grok-3");
        var request = new ChatRequest([ChatMessage.FromSystem("You analyse telemetry."), ChatMessage.FromUser(TelemetryText.Log(5100))]);

        var support = grok.CheckRequest(request);
        var streaming = Assert.Throws<ArgumentException>(() => grok.GetStreamingResponseAsync(request));
        var whole = Assert.ThrowsAsync<ArgumentException>(() => grok.GetResponseAsync(request));

        Assert.Multiple(() =>
        {
            Assert.That(support.Category, Is.EqualTo(ChatRequestSupport.ContextWindowCategory));
            Assert.That(support.Reason, Does.Match(@"^context window: ~1[45]\dk tokens > 131k$"));
            Assert.That(streaming!.Message, Does.Contain(support.Reason!));
            Assert.That(whole!.Message, Does.Contain(support.Reason!));
            Assert.That(http.Handler.GetMatchCount(anything), Is.Zero);
        });
    }

    [Test]
    public void CheckRequest_SameLogOnGrok4_Supported()
    {
        using var http = new ChatCompletionsHttp();

        Assert.That(CreateProvider(http.Client).CheckRequest(new ChatRequest(TelemetryText.Log(5100))).IsSupported, Is.True);
    }

    [Test]
    public void CheckRequest_ConfiguredWindowOverridesTheFamily()
    {
        using var http = new ChatCompletionsHttp();
        var grok = CreateProvider(http.Client, o => o.ContextWindowTokens = 131_072);

        Assert.That(grok.CheckRequest(new ChatRequest(TelemetryText.Log(5100))).Category, Is.EqualTo(ChatRequestSupport.ContextWindowCategory));
    }

    [Test]
    public void Constructor_UndefinedReasoningEffortFlags_Throws()
    {
        using var http = new ChatCompletionsHttp();

        Assert.That(() => CreateProvider(http.Client, o => o.ReasoningEfforts = (ChatReasoningEfforts)8), Throws.ArgumentException.With.Message.Contains("GrokProviderOptions.ReasoningEfforts has undefined flags"));
    }

    private static TestCaseData Case(string name, string model, ChatRequest request, string reason) =>
        new TestCaseData(model, request, reason).SetArgDisplayNames(name);
}
