using System.Diagnostics;
using MultiModel.Failover;
using MultiModel.Resilience;
using static MultiModel.Tests.Diagnostics.DiagnosticsTestKit;

namespace MultiModel.Tests.Diagnostics;

/// <summary>The skip span says what decided it beyond the category: a rate budget's limit and scope, or state another process shared.</summary>
[Parallelizable(ParallelScope.All)]
public class SharedStateSkipTracingTests
{
    [Test]
    public async Task GetResponseAsync_RateBudgetRefuses_SkipSpanHasTheExhaustedEventAndTheMetricTheCategory()
    {
        var name = UniqueChainName();
        using var meters = new TestMeterFactory();
        using var capture = new TelemetryCapture(name, meters);
        var store = new InMemoryProviderHealthStore();
        store.Register("grok", null, new ProviderRateLimitOptions { RequestsPerMinute = 1 });
        var grok = Grok().EnqueueResponse(Answer("grok"));
        var claude = Claude().EnqueueResponse(Answer("claude"));
        var sut = Chain(name, meters, configure: o => o.HealthSource = store, providers: [grok, claude]);

        await sut.GetResponseAsync(new ChatRequest("What is 2 + 2?"));
        await sut.GetResponseAsync(new ChatRequest("What is 2 + 2?"));

        var skipped = capture.Spans.Single(s => s.OperationName == "skip grok");
        var exhausted = skipped.Events.Single();
        Assert.Multiple(() =>
        {
            Assert.That(skipped.GetTagItem("multimodel.attempt.skip_reason"), Is.EqualTo("rate-budget"));
            Assert.That(exhausted.Name, Is.EqualTo("multimodel.rate_budget.exhausted"));
            Assert.That(exhausted.Tags, Is.EquivalentTo(new Dictionary<string, object?> { ["multimodel.rate_budget.limit"] = "requests", ["multimodel.shared_state.scope"] = "process" }));
            Assert.That(capture.Of("multimodel.attempts").Count(m => Equals(m["multimodel.attempt.skip_reason"], "rate-budget")), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task GetResponseAsync_CooldownSharedByAnotherProcess_SkipSpanHasTheSharedStateEvent()
    {
        var name = UniqueChainName();
        using var meters = new TestMeterFactory();
        using var capture = new TelemetryCapture(name, meters);
        var health = new FixedHealth(new() { ["grok"] = ProviderHealth.CoolingDownUntil(DateTimeOffset.UtcNow.AddMinutes(1)) with { IsShared = true } });
        var sut = Chain(name, meters, configure: o => o.HealthSource = health, providers: [Grok(), Claude().EnqueueResponse(Answer("claude"))]);

        await sut.GetResponseAsync(new ChatRequest("What is 2 + 2?"));

        var shared = capture.Spans.Single(s => s.OperationName == "skip grok").Events.Single();
        Assert.That(shared.Name, Is.EqualTo("multimodel.shared_state.skip"));
        Assert.That(shared.Tags, Is.EquivalentTo(new Dictionary<string, object?> { ["multimodel.attempt.skip_reason"] = "cooldown", ["multimodel.shared_state.scope"] = "fleet" }));
    }

    [Test]
    public async Task GetResponseAsync_OwnCooldown_SkipSpanHasNoEvent()
    {
        var name = UniqueChainName();
        using var meters = new TestMeterFactory();
        using var capture = new TelemetryCapture(name, meters);
        var health = new FixedHealth(new() { ["grok"] = ProviderHealth.CoolingDownUntil(DateTimeOffset.UtcNow.AddMinutes(1)) });
        var sut = Chain(name, meters, configure: o => o.HealthSource = health, providers: [Grok(), Claude().EnqueueResponse(Answer("claude"))]);

        await sut.GetResponseAsync(new ChatRequest("What is 2 + 2?"));

        Assert.That(capture.Spans.Single(s => s.OperationName == "skip grok").Events, Is.Empty);
    }
}
