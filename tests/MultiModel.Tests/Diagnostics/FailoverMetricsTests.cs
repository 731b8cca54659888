using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using MultiModel.Failover;
using MultiModel.Resilience;
using static MultiModel.Tests.Diagnostics.DiagnosticsTestKit;

namespace MultiModel.Tests.Diagnostics;

[Parallelizable(ParallelScope.All)]
public class FailoverMetricsTests
{
    [Test]
    public async Task GetResponseAsync_Success_RecordsTokenUsageDurationAndAttempt()
    {
        var name = UniqueChainName();
        using var meters = new TestMeterFactory();
        using var capture = new TelemetryCapture(name, meters);
        var sut = Chain(name, meters, providers: Claude().EnqueueResponse(Answer("claude")));

        await sut.GetResponseAsync(new ChatRequest("What is 2 + 2?"));

        var tokens = capture.Of("gen_ai.client.token.usage");
        var duration = capture.Of("gen_ai.client.operation.duration").Single();
        var attempt = capture.Of("multimodel.attempts").Single();
        Assert.Multiple(() =>
        {
            Assert.That(tokens.Select(m => (m["gen_ai.token.type"], m.Value)), Is.EquivalentTo(new (object?, double)[] { ("input", 12), ("output", 3) }));
            Assert.That(tokens.Select(m => m.Unit), Is.All.EqualTo("{token}"));
            Assert.That(tokens.Select(m => m["gen_ai.provider.name"]), Is.All.EqualTo("anthropic"));
            Assert.That(tokens.Select(m => m["gen_ai.request.model"]), Is.All.EqualTo("claude-sonnet-4-5"));
            Assert.That(tokens.Select(m => m["gen_ai.response.model"]), Is.All.EqualTo("claude-model-2025"));
            Assert.That(tokens.Select(m => m["gen_ai.operation.name"]), Is.All.EqualTo("chat"));
            Assert.That(duration.Unit, Is.EqualTo("s"));
            Assert.That(duration.Value, Is.GreaterThanOrEqualTo(0));
            Assert.That(duration["error.type"], Is.Null);
            Assert.That(duration["server.address"], Is.EqualTo("api.anthropic.com"));
            Assert.That(attempt["multimodel.provider.name"], Is.EqualTo("claude"));
            Assert.That(attempt["multimodel.attempt.outcome"], Is.EqualTo("succeeded"));
            Assert.That(attempt["multimodel.chain.name"], Is.EqualTo(name));
            Assert.That(capture.Of("multimodel.failovers"), Is.Empty);
            Assert.That(capture.Of("multimodel.calls.below_threshold"), Is.Empty);
        });
    }

    [Test]
    public async Task GetResponseAsync_Failover_CountsTheFailoverAndTheFailedAttempt()
    {
        var name = UniqueChainName();
        using var meters = new TestMeterFactory();
        using var capture = new TelemetryCapture(name, meters);
        var sut = Chain(name, meters, providers: [Grok().EnqueueFailure(HttpError("grok", 503)), Claude().EnqueueResponse(Answer("claude"))]);

        await sut.GetResponseAsync(new ChatRequest("What is 2 + 2?"));

        var failover = capture.Of("multimodel.failovers").Single();
        var durations = capture.Of("gen_ai.client.operation.duration");
        Assert.Multiple(() =>
        {
            Assert.That(failover["multimodel.provider.name"], Is.EqualTo("grok"));
            Assert.That(failover["multimodel.failover.reason"], Is.EqualTo("server_error"));
            Assert.That(capture.Of("multimodel.attempts").Select(m => (m["multimodel.provider.name"], m["multimodel.attempt.outcome"], m["multimodel.error.class"])),
                Is.EqualTo(new (object?, object?, object?)[] { ("grok", "failed", "server_error"), ("claude", "succeeded", null) }));
            Assert.That(durations.Select(m => (m["gen_ai.provider.name"], m["error.type"])), Is.EqualTo(new (object?, object?)[] { ("xai", "503"), ("anthropic", null) }));
            Assert.That(capture.Of("gen_ai.client.token.usage").Select(m => m["gen_ai.provider.name"]), Is.All.EqualTo("anthropic"));
        });
    }

    [Test]
    public async Task GetResponseAsync_OnlyAMeterListenerOfTheChain_CountsTheFailoverAndBothAttempts()
    {
        // No activity listener and no logger of this test: the instruments alone make the call record its telemetry.
        using var meters = new TestMeterFactory();
        var counted = new ConcurrentQueue<string>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (ReferenceEquals(instrument.Meter.Scope, meters) && instrument.Name is "multimodel.attempts" or "multimodel.failovers")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, _, _, _) => counted.Enqueue(instrument.Name));
        listener.Start();
        var sut = Chain(UniqueChainName(), meters, providers: [Grok().EnqueueFailure(HttpError("grok", 503)), Claude().EnqueueResponse(Answer("claude"))]);

        await sut.GetResponseAsync(new ChatRequest("What is 2 + 2?"));

        Assert.That(counted.Order(StringComparer.Ordinal), Is.EqualTo(new[] { "multimodel.attempts", "multimodel.attempts", "multimodel.failovers" }));
    }

    [Test]
    public async Task GetResponseAsync_CircuitOpen_CountsTheSkipWithItsReason()
    {
        var name = UniqueChainName();
        using var meters = new TestMeterFactory();
        using var capture = new TelemetryCapture(name, meters);
        var health = new FixedHealth(new() { ["grok"] = ProviderHealth.CoolingDownUntil(DateTimeOffset.MaxValue) });
        var sut = Chain(name, meters, configure: o => o.HealthSource = health, providers: [Grok(), Claude().EnqueueResponse(Answer("claude"))]);

        await sut.GetResponseAsync(new ChatRequest("What is 2 + 2?"));

        var skipped = capture.Of("multimodel.attempts")[0];
        Assert.Multiple(() =>
        {
            Assert.That(skipped["multimodel.attempt.outcome"], Is.EqualTo("skipped"));
            Assert.That(skipped["multimodel.attempt.skip_reason"], Is.EqualTo("cooldown"));
            Assert.That(skipped["gen_ai.provider.name"], Is.EqualTo("xai"));
            Assert.That(capture.Of("gen_ai.client.operation.duration"), Has.Count.EqualTo(1));
            Assert.That(capture.Of("multimodel.failovers"), Is.Empty, "a skip is not a failover");
        });
    }

    [Test]
    public async Task GetResponseAsync_ReturnBestBelowThreshold_CountsTheCallAndTheAttempts()
    {
        var name = UniqueChainName();
        using var meters = new TestMeterFactory();
        using var capture = new TelemetryCapture(name, meters);
        var sut = Chain(
            name,
            meters,
            configure: o => o.WhenNoneMeetsThreshold = BelowThresholdBehavior.ReturnBest,
            providers: [Grok().EnqueueResponse(Answer("grok", "Fo", ChatFinishReason.Length)), Claude().EnqueueResponse(Answer("claude", "Fou", ChatFinishReason.Length))]);

        var response = await sut.GetResponseAsync(new ChatRequest("What is 2 + 2?"));

        var call = capture.Of("multimodel.calls.below_threshold").Single();
        Assert.Multiple(() =>
        {
            Assert.That(response.IsBelowThreshold, Is.True);
            Assert.That(call["multimodel.chain.name"], Is.EqualTo(name));
            Assert.That(call["multimodel.final_provider"], Is.EqualTo(response.ProviderName));
            Assert.That(capture.Of("multimodel.attempts").Select(m => m["multimodel.attempt.outcome"]), Is.All.EqualTo("below_threshold"));
            Assert.That(capture.Of("multimodel.failovers").Single()["multimodel.failover.reason"], Is.EqualTo("below_threshold"));
            Assert.That(capture.Parent.GetTagItem("multimodel.outcome"), Is.EqualTo("below_threshold"));
        });
    }
}
