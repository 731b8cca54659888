using Microsoft.Extensions.Logging;
using MultiModel.Diagnostics;
using MultiModel.Resilience;
using Polly.CircuitBreaker;

namespace MultiModel.Tests.Diagnostics;

[Parallelizable(ParallelScope.All)]
public class ProviderHealthTelemetryTests
{
    [Test]
    public void Observe_CircuitMovesThroughItsStates_LogsEachAndCountsByState()
    {
        var (registry, logs, capture, meters) = CreateSut();
        using var _ = capture;
        using var __ = meters;
        var record = registry.GetRecord("grok");

        record.OnCircuitOpened(TimeSpan.FromSeconds(30));
        record.OnCircuitStateChanged(CircuitState.HalfOpen);
        record.OnCircuitStateChanged(CircuitState.Closed);

        var opened = logs.Records[0];
        Assert.Multiple(() =>
        {
            Assert.That(logs.Records.Select(r => (r.EventId.Id, r.Level)), Is.EqualTo(new[] { (200, LogLevel.Warning), (201, LogLevel.Information), (202, LogLevel.Information) }));
            Assert.That(logs.Records.Select(r => r.Category), Is.All.EqualTo("MultiModel.Health"));
            Assert.That(opened["ProviderName"], Is.EqualTo("grok"));
            Assert.That(opened["OpenUntil"], Is.EqualTo(Start + TimeSpan.FromSeconds(30)));
            Assert.That(capture.Of("multimodel.circuit.state_changes").Select(m => (m["multimodel.provider.name"], m["multimodel.circuit.state"])),
                Is.EqualTo(new (object?, object?)[] { ("grok", "open"), ("grok", "half_open"), ("grok", "closed") }));
        });
    }

    [Test]
    public void Observe_CooldownStarts_LogsItsEndAndCountsIt()
    {
        var (registry, logs, capture, meters) = CreateSut();
        using var _ = capture;
        using var __ = meters;

        registry.GetRecord("claude").StartCooldown(TimeSpan.FromMinutes(2));

        var cooldown = logs.Records.Single();
        Assert.Multiple(() =>
        {
            Assert.That(cooldown.EventId.Id, Is.EqualTo(203));
            Assert.That(cooldown.Level, Is.EqualTo(LogLevel.Warning));
            Assert.That(cooldown["CooldownUntil"], Is.EqualTo(Start + TimeSpan.FromMinutes(2)));
            Assert.That(capture.Of("multimodel.cooldowns").Single()["multimodel.provider.name"], Is.EqualTo("claude"));
        });
    }

    private static readonly DateTimeOffset Start = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private static (ProviderHealthRegistry Registry, CapturingLoggerProvider Logs, TelemetryCapture Capture, TestMeterFactory Meters) CreateSut()
    {
        var meters = new TestMeterFactory();
        var capture = new TelemetryCapture(DiagnosticsTestKit.UniqueChainName(), meters);
        var logs = new CapturingLoggerProvider();
        var registry = new ProviderHealthRegistry(new FixedClock(Start));
        ProviderHealthTelemetry.Observe(registry, logs, meters);
        return (registry, logs, capture, meters);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
