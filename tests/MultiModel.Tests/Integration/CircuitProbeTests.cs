using MultiModel.Failover;
using MultiModel.Resilience;
using MultiModel.Testing;

namespace MultiModel.Tests.Integration;

/// <summary>The circuit breaker's recovery seen through a failover chain: one probe goes through, other calls skip the provider.</summary>
[Parallelizable(ParallelScope.All)]
public class CircuitProbeTests
{
    private static readonly TimeSpan BreakDuration = TimeSpan.FromMilliseconds(500);

    [TestCase(Primary.Grok, Wire.Json)]
    [TestCase(Primary.Claude, Wire.Stream)]
    public async Task Call_WhileTheHalfOpenProbeIsInFlight_SkipsThePrimaryInsteadOfFailingOnIt(Primary primary, Wire wire)
    {
        await using var harness = await IntegrationHarness.StartAsync(primary, s =>
        {
            s.MaxRetryAttempts = 0;
            s.CircuitMinimumThroughput = 2;
            s.CircuitBreakDuration = BreakDuration;
        });
        harness.PrimaryEndpoint.Enqueue(EmulatorBehavior.Status(500), EmulatorBehavior.Status(500));
        await harness.CallAsync(wire);
        await harness.CallAsync(wire);
        var whileOpen = await harness.CallAsync(wire);
        Assert.That(whileOpen.Attempts[0].SkipReason, Is.EqualTo(ProviderHealth.CircuitOpenSkipReason), "two failures out of two open the circuit");

        // After the break the next call is the probe; make it slow so that another call arrives while it is in flight.
        await Task.Delay(BreakDuration + TimeSpan.FromMilliseconds(100));
        harness.PrimaryEndpoint.Enqueue(EmulatorBehavior.Answer("probe answer").WithHeaderDelay(TimeSpan.FromSeconds(1)));
        var probe = harness.CallAsync(wire);
        await harness.Emulator.WaitUntilAsync(_ => harness.PrimaryEndpoint.RequestCount == 3, TimeSpan.FromSeconds(10));

        var duringProbe = await harness.CallAsync(wire);
        var probeAnswer = await probe;
        var afterProbe = await harness.CallAsync(wire);

        Assert.Multiple(() =>
        {
            Assert.That(duringProbe.ProviderName, Is.EqualTo(harness.SecondaryName));
            Assert.That(duringProbe.Attempts.Select(a => (a.ProviderName, a.Outcome, a.SkipReason)), Is.EqualTo(new[]
            {
                (harness.PrimaryName, ChatAttemptOutcome.Skipped, (string?)ProviderHealth.CircuitOpenSkipReason),
                (harness.SecondaryName, ChatAttemptOutcome.Succeeded, null),
            }));
            Assert.That(probeAnswer.ProviderName, Is.EqualTo(harness.PrimaryName));
            Assert.That(probeAnswer.Text, Is.EqualTo("probe answer"));
            Assert.That(afterProbe.ProviderName, Is.EqualTo(harness.PrimaryName), "the successful probe closed the circuit");
            Assert.That(harness.PrimaryEndpoint.RequestCount, Is.EqualTo(4));
        });
    }
}
