using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using MultiModel.Diagnostics;
using MultiModel.Failover;
using MultiModel.Resilience;

namespace MultiModel.Tests.Diagnostics;

[Parallelizable(ParallelScope.All)]
public class ProviderHealthTelemetryTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    [Test]
    public void Reporter_CircuitMovesThroughItsStates_RecordsEachInTheStoreLogsAndCountsIt()
    {
        var (reporter, store, logs, capture, meters) = CreateSut();
        using var _ = capture;
        using var __ = meters;

        reporter.CircuitOpened("grok", TimeSpan.FromSeconds(30));
        var open = store.GetHealth("grok");
        reporter.CircuitHalfOpened("grok", TimeSpan.FromSeconds(30));
        var probing = store.GetHealth("grok");
        reporter.CircuitClosed("grok");

        var opened = logs.Records[0];
        Assert.Multiple(() =>
        {
            Assert.That(open, Is.EqualTo(ProviderHealth.Open(Start + TimeSpan.FromSeconds(30))));
            Assert.That(probing.GetSkipReason(Start), Is.EqualTo(ProviderHealth.CircuitOpenSkipReason), "Other calls skip the provider while the probe runs.");
            Assert.That(store.GetHealth("grok"), Is.EqualTo(ProviderHealth.Available));
            Assert.That(logs.Records.Select(r => (r.EventId.Id, r.Level)), Is.EqualTo(new[] { (200, LogLevel.Warning), (201, LogLevel.Information), (202, LogLevel.Information) }));
            Assert.That(logs.Records.Select(r => r.Category), Is.All.EqualTo("MultiModel.Health"));
            Assert.That(opened["ProviderName"], Is.EqualTo("grok"));
            Assert.That(opened["OpenUntil"], Is.EqualTo(Start + TimeSpan.FromSeconds(30)));
            Assert.That(capture.Of("multimodel.circuit.state_changes").Select(m => (m["multimodel.provider.name"], m["multimodel.circuit.state"])),
                Is.EqualTo(new (object?, object?)[] { ("grok", "open"), ("grok", "half_open"), ("grok", "closed") }));
        });
    }

    [Test]
    public void Reporter_ServerAsksToWait_StartsACooldownThatOnlyEverExtends()
    {
        var (reporter, store, logs, capture, meters) = CreateSut();
        using var _ = capture;
        using var __ = meters;

        reporter.ServerAskedToWait("claude", TimeSpan.FromMinutes(2));
        reporter.ServerAskedToWait("claude", TimeSpan.FromMinutes(1));
        var shorterAsked = store.GetHealth("claude");
        reporter.ServerAskedToWait("claude", TimeSpan.FromMinutes(3));

        var cooldowns = logs.Records.Where(r => r.EventId.Id == 203).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(shorterAsked, Is.EqualTo(ProviderHealth.CoolingDownUntil(Start + TimeSpan.FromMinutes(2))), "A shorter wait never shortens the cooldown.");
            Assert.That(store.GetHealth("claude"), Is.EqualTo(ProviderHealth.CoolingDownUntil(Start + TimeSpan.FromMinutes(3))));
            Assert.That(cooldowns.Select(r => r["CooldownUntil"]), Is.EqualTo(new object[] { Start + TimeSpan.FromMinutes(2), Start + TimeSpan.FromMinutes(3) }));
            Assert.That(cooldowns.Select(r => r.Level), Is.All.EqualTo(LogLevel.Warning));
            Assert.That(capture.Of("multimodel.cooldowns"), Has.Count.EqualTo(2));
            Assert.That(capture.Of("multimodel.cooldowns").Select(m => m["multimodel.provider.name"]), Is.All.EqualTo("claude"));
        });
    }

    [Test]
    public void Store_CircuitOpenLongerThanCooldown_ReportsTheConstraintThatEndsLast()
    {
        var store = new InMemoryProviderHealthStore();

        store.ReportCooldown("grok", Start.AddMinutes(5));
        store.ReportCircuitOpened("grok", Start.AddMinutes(1));
        var cooldownLast = store.GetHealth("grok");
        store.ReportCircuitOpened("grok", Start.AddMinutes(10));

        Assert.Multiple(() =>
        {
            Assert.That(cooldownLast, Is.EqualTo(ProviderHealth.CoolingDownUntil(Start.AddMinutes(5))));
            Assert.That(store.GetHealth("grok"), Is.EqualTo(ProviderHealth.Open(Start.AddMinutes(10))));
            Assert.That(store.GetHealth("GROK"), Is.EqualTo(store.GetHealth("grok")), "Provider names are case-insensitive.");
            Assert.That(store.GetHealth("claude"), Is.EqualTo(ProviderHealth.Available));
        });
    }

    private static (ProviderHealthReporter Reporter, InMemoryProviderHealthStore Store, CapturingLoggerProvider Logs, TelemetryCapture Capture, TestMeterFactory Meters) CreateSut()
    {
        var meters = new TestMeterFactory();
        var capture = new TelemetryCapture(DiagnosticsTestKit.UniqueChainName(), meters);
        var logs = new CapturingLoggerProvider();
        var store = new InMemoryProviderHealthStore();
        var reporter = new ProviderHealthReporter(store, new FakeTimeProvider(Start), new ProviderHealthTelemetry(logs, meters));
        return (reporter, store, logs, capture, meters);
    }
}
