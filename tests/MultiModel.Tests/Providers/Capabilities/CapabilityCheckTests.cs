using System.Text.Json;
using MultiModel.Providers.Capabilities;
using MultiModel.Tests.TestSupport;

namespace MultiModel.Tests.Providers.Capabilities;

[Parallelizable(ParallelScope.All)]
public class CapabilityCheckTests
{
    private static readonly ModelCapabilities Grok3 = ModelFamilies.FindGrok("grok-3")!;

    [Test]
    public void Check_PlainRequest_IsSupported()
    {
        var support = CapabilityCheck.Check(new ChatRequest("Status?"), "grok-3", Grok3, MediaRules.Xai, 0);

        Assert.That(support.IsSupported, Is.True);
    }

    [Test]
    public void Check_ImageForTextOnlyModel_Unsupported()
    {
        var request = new ChatRequest([ChatMessage.FromUser("What spikes?", TestMedia.PlotImage())]);

        var support = CapabilityCheck.Check(request, "grok-3", Grok3, MediaRules.Xai, 0);

        Assert.Multiple(() =>
        {
            Assert.That(support.Category, Is.EqualTo(ChatRequestSupport.UnsupportedCategory));
            Assert.That(support.Reason, Is.EqualTo("unsupported: grok-3 takes no images"));
        });
    }

    [Test]
    public void Check_GifForXai_UnsupportedNamingTheTypes()
    {
        var request = new ChatRequest([ChatMessage.FromUser("What spikes?", ChatContentPart.FromImage(TestMedia.PlotGif, "image/gif"))]);

        var support = CapabilityCheck.Check(request, "grok-4", ModelFamilies.FindGrok("grok-4")!, MediaRules.Xai, 0);

        Assert.That(support.Reason, Is.EqualTo("unsupported: xAI takes image/jpeg, image/png images, not image/gif"));
    }

    [Test]
    public void Check_ImageWiderThan8000_UnsupportedForClaude()
    {
        var request = new ChatRequest([ChatMessage.FromUser("Trend?", ChatContentPart.FromImage(TestMedia.Wide8100Png, "image/png"))]);

        var support = CapabilityCheck.Check(request, "claude-sonnet-4-5", ModelCapabilities.Permissive, MediaRules.Anthropic, 4096);

        Assert.That(support.Reason, Is.EqualTo("unsupported: Claude takes images up to 8000 x 8000 pixels; this one is 8100 x 12"));
    }

    [Test]
    public void Check_TwentyOneImagesOneWiderThan2000_UnsupportedForClaude()
    {
        var parts = Enumerable.Range(0, 20).Select(_ => (ChatContentPart)TestMedia.PlotImage())
            .Append(ChatContentPart.FromImage(TestMedia.Wide2100Jpeg, "image/jpeg"));
        var request = new ChatRequest([ChatMessage.FromUser([.. parts])]);

        var support = CapabilityCheck.Check(request, "claude-sonnet-4-5", ModelCapabilities.Permissive, MediaRules.Anthropic, 4096);

        Assert.That(support.Reason, Is.EqualTo("unsupported: Claude takes images up to 2000 x 2000 pixels when a request holds more than 20; this one is 2100 x 40"));
    }

    [Test]
    public void Check_ImageOver5MbAsBase64_UnsupportedForClaudeNotForXai()
    {
        // A real PNG followed by 4 MB of trailing data: its header reads, and 4 MB is 5.3 MB as base64.
        var large = TestMedia.PlotPng.Concat(new byte[4 * 1024 * 1024]).ToArray();
        var request = new ChatRequest([ChatMessage.FromUser("Trend?", ChatContentPart.FromImage(large, "image/png"))]);

        var claude = CapabilityCheck.Check(request, "claude-sonnet-4-5", ModelCapabilities.Permissive, MediaRules.Anthropic, 4096);
        var xai = CapabilityCheck.Check(request, "grok-4", ModelFamilies.FindGrok("grok-4")!, MediaRules.Xai, 0);

        Assert.Multiple(() =>
        {
            Assert.That(claude.Reason, Is.EqualTo("unsupported: Claude takes images up to 5 MB as sent (base64); this one is 5.3 MB"));
            Assert.That(xai.IsSupported, Is.True);
        });
    }

    [Test]
    public void Check_DocumentForChatCompletionsModel_Unsupported()
    {
        var request = new ChatRequest([ChatMessage.FromUser("Summarise.", ChatContentPart.FromPdf(TestMedia.ProcedurePdf))]);

        var support = CapabilityCheck.Check(request, "grok-4", ModelFamilies.FindGrok("grok-4")!, MediaRules.Xai, 0);

        Assert.That(support.Reason, Is.EqualTo("unsupported: grok-4 takes no documents"));
    }

    [Test]
    public void Check_PdfByAddressWhereDocumentsAreDeclared_UnsupportedOutsideClaude()
    {
        var request = new ChatRequest([ChatMessage.FromUser("Summarise.", ChatContentPart.FromPdf(new Uri("https://docs.example/manual.pdf")))]);

        var support = CapabilityCheck.Check(request, "gpt-x", ModelCapabilities.Permissive, MediaRules.OpenAICompatible, 0);

        Assert.That(support.Reason, Is.EqualTo("unsupported: the endpoint cannot download a PDF from an address; give its bytes"));
    }

    [Test]
    public void Check_ToolsAndSchemaForModelWithout_Unsupported()
    {
        using var schema = JsonDocument.Parse("""{"type":"object"}""");
        var withTools = new ChatRequest("Hi");
        withTools.Tools.Add(new ChatToolDefinition("read", null, schema.RootElement));
        var withSchema = new ChatRequest("Hi") { ResponseFormat = ChatResponseFormat.ForJsonSchema(schema.RootElement) };
        var lacking = ModelCapabilities.Permissive with { Tools = false, JsonSchema = false };

        Assert.Multiple(() =>
        {
            Assert.That(CapabilityCheck.Check(withTools, "m", lacking, MediaRules.Xai, 0).Reason, Is.EqualTo("unsupported: m takes no tools"));
            Assert.That(CapabilityCheck.Check(withSchema, "m", lacking, MediaRules.Xai, 0).Reason, Is.EqualTo("unsupported: m takes no JSON-schema output format"));
        });
    }

    [TestCase("grok-4", null, ChatReasoningEffort.High, "unsupported: grok-4 takes no reasoning option")]
    [TestCase("grok-3-mini", null, ChatReasoningEffort.Medium, "unsupported: grok-3-mini takes reasoning effort low, high, not medium")]
    [TestCase("grok-3-mini", 6000, null, "unsupported: grok-3-mini takes reasoning effort low, high, not medium")]
    [TestCase("grok-3-mini", null, ChatReasoningEffort.High, null)]
    [TestCase("grok-3-mini", 1000, null, null)]
    public void Check_Reasoning_OnlyEffortsTheModelTakes(string model, int? budget, ChatReasoningEffort? effort, string? reason)
    {
        var request = new ChatRequest("Think.") { Reasoning = new ChatReasoningOptions { Effort = effort, BudgetTokens = budget } };

        var support = CapabilityCheck.Check(request, model, ModelFamilies.FindGrok(model)!, MediaRules.Xai, 0);

        Assert.That(support.Reason, Is.EqualTo(reason));
    }

    [Test]
    public void Check_MaxOutputOverTheModelsLimit_Unsupported()
    {
        var request = new ChatRequest("Write a lot.") { MaxOutputTokens = 100_000 };

        var support = CapabilityCheck.Check(request, "claude-sonnet-4-5", ModelFamilies.FindClaude("claude-sonnet-4-5")!, MediaRules.Anthropic, 100_000);

        Assert.That(support.Reason, Is.EqualTo("unsupported: claude-sonnet-4-5 writes at most 64000 tokens per answer (MaxOutputTokens is 100000)"));
    }

    [Test]
    public void Check_LogLargerThanTheWindow_ContextWindowWithEstimate()
    {
        var request = new ChatRequest([ChatMessage.FromSystem("You analyse telemetry."), ChatMessage.FromUser(TelemetryText.Log(5100))]);
        var estimate = RequestTokenEstimate.Estimate(request, MediaRules.Xai);
        Assert.That(estimate, Is.InRange(140_000, 170_000), "the log is ~150k tokens");

        var support = CapabilityCheck.Check(request, "grok-3", Grok3, MediaRules.Xai, 0);

        Assert.Multiple(() =>
        {
            Assert.That(support.Category, Is.EqualTo(ChatRequestSupport.ContextWindowCategory));
            Assert.That(support.Reason, Is.EqualTo($"context window: ~{Math.Round(estimate / 1000.0)}k tokens > 131k"));
        });
    }

    [Test]
    public void Check_SameLogForALargerWindow_Supported()
    {
        var request = new ChatRequest(TelemetryText.Log(5100));

        var support = CapabilityCheck.Check(request, "claude-sonnet-4-5", ModelFamilies.FindClaude("claude-sonnet-4-5")!, MediaRules.Anthropic, 4096);

        Assert.That(support.IsSupported, Is.True);
    }

    [Test]
    public void Check_EstimateWithinTheMargin_SupportedUnlessTheMarginIsZero()
    {
        var request = new ChatRequest(TelemetryText.Log(4500));
        var estimate = RequestTokenEstimate.Estimate(request, MediaRules.Xai);
        var window = (int)(estimate / 1.05);

        var withMargin = CapabilityCheck.Check(request, "m", ModelCapabilities.Permissive with { ContextWindowTokens = window }, MediaRules.Xai, 0);
        var withoutMargin = CapabilityCheck.Check(request, "m", ModelCapabilities.Permissive with { ContextWindowTokens = window, SafetyMargin = 0 }, MediaRules.Xai, 0);

        Assert.Multiple(() =>
        {
            Assert.That(withMargin.IsSupported, Is.True, "5 % over the window is within the 10 % margin");
            Assert.That(withoutMargin.Category, Is.EqualTo(ChatRequestSupport.ContextWindowCategory));
        });
    }

    [Test]
    public void Check_OutputTokens_CountTowardTheWindow()
    {
        var request = new ChatRequest(TelemetryText.Log(3000));
        var estimate = RequestTokenEstimate.Estimate(request, MediaRules.Xai);
        var capabilities = ModelCapabilities.Permissive with { ContextWindowTokens = (int)estimate + 1000, SafetyMargin = 0 };

        Assert.Multiple(() =>
        {
            Assert.That(CapabilityCheck.Check(request, "m", capabilities, MediaRules.Xai, 500).IsSupported, Is.True);
            Assert.That(CapabilityCheck.Check(request, "m", capabilities, MediaRules.Xai, 5000).IsSupported, Is.False);
        });
    }

    [Test]
    public void Check_UnknownWindow_NeverRefusesForSize()
    {
        var request = new ChatRequest(TelemetryText.Log(20_000));

        Assert.That(CapabilityCheck.Check(request, "m", ModelCapabilities.Permissive, MediaRules.Xai, 0).IsSupported, Is.True);
    }
}
