using MultiModel.Tests.TestSupport;

namespace MultiModel.Tests.Providers.Claude;

/// <summary>What Claude says it cannot take, and that a direct call then fails with the same reason before any HTTP request.</summary>
[Parallelizable(ParallelScope.All)]
public class ClaudeChatProviderCapabilityTests
{
    private static IEnumerable<TestCaseData> CannotTake()
    {
        yield return Case("thinking-with-temperature", "claude-sonnet-4-5", new ChatRequest("Why?") { Temperature = 0.2, Reasoning = new ChatReasoningOptions { Effort = ChatReasoningEffort.Low } },
            "unsupported: Claude cannot think with a temperature set (temperature 0.2)");
        yield return Case("thinking-top-p", "claude-sonnet-4-5", new ChatRequest("Why?") { TopP = 0.5, Reasoning = new ChatReasoningOptions { Effort = ChatReasoningEffort.Low } },
            "unsupported: Claude thinks only with top_p from 0.95 to 1 (was 0.5)");
        yield return Case("budget-below-1024", "claude-sonnet-4-5", new ChatRequest("Why?") { Reasoning = new ChatReasoningOptions { BudgetTokens = 500 } },
            "unsupported: Claude thinks with a budget of at least 1024 tokens (was 500)");
        yield return Case("budget-not-below-max", "claude-sonnet-4-5", new ChatRequest("Why?") { MaxOutputTokens = 2000, Reasoning = new ChatReasoningOptions { BudgetTokens = 2000 } },
            "unsupported: the thinking budget (2000 tokens) must be below max_tokens (2000); raise MaxOutputTokens");
        var forced = new ChatRequest("Read it.") { ToolChoice = ChatToolChoice.Required, Reasoning = new ChatReasoningOptions { Effort = ChatReasoningEffort.Low } };
        forced.Tools.Add(new ChatToolDefinition("read_sensor", null, System.Text.Json.JsonDocument.Parse("""{"type":"object"}""").RootElement));
        yield return Case("thinking-forced-tool", "claude-sonnet-4-5", forced, "unsupported: Claude cannot think while a tool call is forced (tool choice Required)");
        yield return Case("no-thinking-on-3-5", "claude-3-5-sonnet-20241022", new ChatRequest("Why?") { Reasoning = new ChatReasoningOptions { Effort = ChatReasoningEffort.Low } },
            "unsupported: claude-3-5-sonnet-20241022 takes no reasoning option");
        yield return Case("image-on-haiku-3-5", "claude-3-5-haiku-20241022", new ChatRequest([ChatMessage.FromUser("What?", TestMedia.PlotImage())]),
            "unsupported: claude-3-5-haiku-20241022 takes no images");
        yield return Case("schema-on-sonnet-4", "claude-sonnet-4-20250514",
            new ChatRequest("Report.") { ResponseFormat = ChatResponseFormat.ForJsonSchema(System.Text.Json.JsonDocument.Parse("""{"type":"object"}""").RootElement) },
            "unsupported: claude-sonnet-4-20250514 takes no JSON-schema output format");
    }

    [TestCaseSource(nameof(CannotTake))]
    public void CheckRequest_RequestClaudeCannotTake_SaysWhy(string model, ChatRequest request, string reason)
    {
        using var harness = new ClaudeHarness(o => o.Model = model);

        var support = harness.Provider.CheckRequest(request);

        Assert.Multiple(() =>
        {
            Assert.That(support.Category, Is.EqualTo(ChatRequestSupport.UnsupportedCategory));
            Assert.That(support.Reason, Is.EqualTo(reason));
        });
    }

    [TestCaseSource(nameof(CannotTake))]
    public void GetResponseAsync_RequestClaudeCannotTake_ThrowsTheReasonWithoutARequest(string model, ChatRequest request, string reason)
    {
        using var harness = new ClaudeHarness(o => o.Model = model);

        var ex = Assert.ThrowsAsync<ArgumentException>(() => harness.Provider.GetResponseAsync(request));

        Assert.Multiple(() =>
        {
            Assert.That(ex!.Message, Does.Contain(reason));
            Assert.That(harness.Requests, Is.Empty);
        });
        harness.Http.VerifyNoOutstandingExpectation();
    }

    [Test]
    public void CheckRequest_PromptLargerThanAConfiguredWindow_ContextWindowAndNoStreamingRequest()
    {
        using var harness = new ClaudeHarness(o => o.ContextWindowTokens = 100_000);
        var request = new ChatRequest(TelemetryText.Log(5100));

        var support = harness.Provider.CheckRequest(request);
        var ex = Assert.Throws<ArgumentException>(() => harness.Provider.GetStreamingResponseAsync(request));

        Assert.Multiple(() =>
        {
            Assert.That(support.Category, Is.EqualTo(ChatRequestSupport.ContextWindowCategory));
            Assert.That(support.Reason, Does.Match(@"^context window: ~1\d\dk tokens > 100k$"));
            Assert.That(ex!.Message, Does.Contain(support.Reason!));
            Assert.That(harness.Requests, Is.Empty);
        });
    }

    [Test]
    public void CheckRequest_SameLogForSonnet45_Supported()
    {
        using var harness = new ClaudeHarness();

        Assert.That(harness.Provider.CheckRequest(new ChatRequest(TelemetryText.Log(5100))).IsSupported, Is.True);
    }

    [Test]
    public void CheckRequest_RequestNamesAnotherModel_JudgedByThatModel()
    {
        using var harness = new ClaudeHarness();
        var request = new ChatRequest([ChatMessage.FromUser("What?", TestMedia.PlotImage())]);

        Assert.Multiple(() =>
        {
            Assert.That(harness.Provider.CheckRequest(request).IsSupported, Is.True);
            request.ModelId = "claude-3-5-haiku-latest";
            Assert.That(harness.Provider.CheckRequest(request).Reason, Is.EqualTo("unsupported: claude-3-5-haiku-latest takes no images"));
        });
    }

    [Test]
    public void CheckRequest_OptionsOverrideTheFamily_BothWays()
    {
        using var noImages = new ClaudeHarness(o => o.SupportsImages = false);
        using var haikuWithImages = new ClaudeHarness(o => { o.Model = "claude-3-5-haiku-20241022"; o.SupportsImages = true; });
        var request = new ChatRequest([ChatMessage.FromUser("What?", TestMedia.PlotImage())]);

        Assert.Multiple(() =>
        {
            Assert.That(noImages.Provider.CheckRequest(request).Reason, Is.EqualTo("unsupported: claude-sonnet-4-5 takes no images"));
            Assert.That(haikuWithImages.Provider.CheckRequest(request).IsSupported, Is.True);
        });
    }

    [Test]
    public void CheckRequest_UnknownModel_TakesEverything()
    {
        using var harness = new ClaudeHarness(o => o.Model = "claude-opus-5");
        var request = new ChatRequest([ChatMessage.FromUser("What?", TestMedia.PlotImage(), ChatContentPart.FromPdf(TestMedia.ProcedurePdf))])
        {
            Reasoning = new ChatReasoningOptions { Effort = ChatReasoningEffort.High },
            MaxOutputTokens = 500_000,
        };

        Assert.That(harness.Provider.CheckRequest(request).IsSupported, Is.True);
    }

    [Test]
    public void CheckRequest_Null_Throws()
    {
        using var harness = new ClaudeHarness();

        Assert.That(() => harness.Provider.CheckRequest(null!), Throws.ArgumentNullException);
    }

    [TestCase(0)]
    [TestCase(-1)]
    public void Constructor_NonPositiveContextWindow_Throws(int window)
    {
        Assert.That(() => new ClaudeHarness(o => o.ContextWindowTokens = window), Throws.ArgumentException.With.Message.Contains("ClaudeProviderOptions.ContextWindowTokens must be positive"));
    }

    [TestCase(-0.1)]
    [TestCase(1.5)]
    [TestCase(double.NaN)]
    public void Constructor_MarginOutsideZeroToOne_Throws(double margin)
    {
        Assert.That(() => new ClaudeHarness(o => o.ContextWindowSafetyMargin = margin), Throws.ArgumentException.With.Message.Contains("ContextWindowSafetyMargin must be between 0 and 1"));
    }

    private static TestCaseData Case(string name, string model, ChatRequest request, string reason) =>
        new TestCaseData(model, request, reason).SetArgDisplayNames(name);
}
