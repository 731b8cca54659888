using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MultiModel.Tests.TestSupport;

namespace MultiModel.Tests.DependencyInjection;

/// <summary>The capability settings bound from <c>MultiModel:Providers:{name}</c>, and checked at start-up with their paths.</summary>
[Parallelizable(ParallelScope.All)]
public class MultiModelCapabilityConfigurationTests
{
    [Test]
    public async Task Bind_CapabilityKeys_ChangeWhatTheProviderTakes()
    {
        var settings = MultiModelTestContainer.GrokThenClaude(
            ("MultiModel:Providers:grok:ContextWindowTokens", "50000"),
            ("MultiModel:Providers:grok:SupportsImages", "false"),
            ("MultiModel:Providers:grok:ReasoningEfforts", "Low, High"),
            ("MultiModel:Providers:claude:SupportsDocuments", "false"),
            ("MultiModel:Providers:claude:SupportsStopSequences", "false"));
        await using var container = MultiModelTestContainer.Create(settings, ["grok", "claude"]);
        var grok = container.Services.GetRequiredKeyedService<IChatProvider>("grok");
        var claude = container.Services.GetRequiredKeyedService<IChatProvider>("claude");

        Assert.Multiple(() =>
        {
            Assert.That(grok.CheckRequest(new ChatRequest(TelemetryText.Log(2500))).Reason, Does.Match(@"^context window: ~\d\dk tokens > 50k$"));
            Assert.That(grok.CheckRequest(new ChatRequest([ChatMessage.FromUser("What?", TestMedia.PlotImage())])).Reason, Is.EqualTo("unsupported: grok-4 takes no images"));
            Assert.That(
                grok.CheckRequest(new ChatRequest("Why?") { Reasoning = new ChatReasoningOptions { Effort = ChatReasoningEffort.Medium } }).Reason,
                Is.EqualTo("unsupported: grok-4 takes reasoning effort low, high, not medium"));
            Assert.That(
                claude.CheckRequest(new ChatRequest([ChatMessage.FromUser("Read.", ChatContentPart.FromPdf(TestMedia.ProcedurePdf))])).Reason,
                Is.EqualTo("unsupported: claude-sonnet-4-5 takes no documents"));
            Assert.That(claude.CheckRequest(new ChatRequest("Count.") { StopSequences = { "5" } }).Reason, Is.EqualTo("unsupported: claude-sonnet-4-5 takes no stop sequences"));
        });
    }

    [TestCase("grok", "ContextWindowTokens", "0", "must be positive when set (was 0).")]
    [TestCase("claude", "OutputTokenLimit", "-5", "must be positive when set (was -5).")]
    [TestCase("claude", "ContextWindowSafetyMargin", "1.5", "must be between 0 and 1 (was 1.5).")]
    public void Start_InvalidCapabilityValue_NamesItsPath(string provider, string key, string value, string message)
    {
        var settings = MultiModelTestContainer.GrokThenClaude(($"MultiModel:Providers:{provider}:{key}", value));

        var ex = Assert.Throws<OptionsValidationException>(() => MultiModelTestContainer.Create(settings, []).DisposeAsync().AsTask().GetAwaiter().GetResult());

        Assert.That(ex!.Failures, Has.Some.EqualTo($"MultiModel:Providers:{provider}:{key} {message}"));
    }
}
