using MultiModel.Resilience;
using MultiModel.Testing;

namespace MultiModel.Tests.Integration;

/// <summary>Runs every row of <see cref="FaultMatrix"/> through AddMultiModel over real loopback sockets.</summary>
[Parallelizable(ParallelScope.All)]
public class FaultMatrixTests
{
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(10);

    [TestCaseSource(typeof(FaultMatrix), nameof(FaultMatrix.Cases))]
    public async Task Call_FaultOnPrimary_GivesTheDocumentedOutcomeAndAttempts(FaultCase row)
    {
        await using var harness = await IntegrationHarness.StartAsync(row.Primary, row.Tune);
        for (var i = 0; i < row.Times; i++)
        {
            harness.PrimaryEndpoint.Enqueue(row.Behavior());
        }

        var (answer, failure) = await CallAsync(harness, row.Wire);

        var attempts = answer?.Attempts ?? failure!.Attempts;
        Assert.Multiple(() =>
        {
            Assert.That(answer?.ProviderName, Is.EqualTo(row.AnsweredBy), () => $"answer provider; failure: {failure?.Message}");
            Assert.That(failure?.Reason, Is.EqualTo(row.Reason), "failover reason");
            Assert.That(attempts.Select(AttemptRow.From), Is.EqualTo(row.Attempts), "attempts");
            Assert.That(harness.PrimaryEndpoint.RequestCount, Is.EqualTo(row.PrimaryRequests), "requests to the primary");
            Assert.That(harness.SecondaryEndpoint.RequestCount, Is.EqualTo(row.SecondaryRequests), "requests to the secondary");
            if (row.PartialText is not null)
            {
                Assert.That(failure?.PartialText, Is.EqualTo(row.PartialText), "partial text");
            }

            if (answer is not null)
            {
                Assert.That(answer.Text, Is.Not.Empty, "answer text");
            }
        });

        if (row.AbortedRequests > 0)
        {
            // The client gave up on the timed-out tries: the server must see them abandoned, not still pending.
            await harness.Emulator.WaitUntilAsync(e => e.AbortedRequests == row.AbortedRequests, SettleTimeout);
            Assert.That(harness.PrimaryEndpoint.Requests.Select(r => r.Outcome), Is.All.EqualTo(EmulatorRequestOutcome.ClientAborted));
        }

        if (row.NextCallSkipReason is { } skipReason)
        {
            var next = await harness.CallAsync(row.Wire);
            Assert.Multiple(() =>
            {
                Assert.That(next.ProviderName, Is.EqualTo(harness.SecondaryName));
                Assert.That(next.Attempts.Select(a => (a.ProviderName, a.Outcome, a.SkipReason)), Is.EqualTo(new[]
                {
                    (harness.PrimaryName, ChatAttemptOutcome.Skipped, (string?)skipReason),
                    (harness.SecondaryName, ChatAttemptOutcome.Succeeded, null),
                }));
                Assert.That(harness.PrimaryEndpoint.RequestCount, Is.EqualTo(row.PrimaryRequests), "the skipped primary was not contacted");
            });
        }
    }

    [TestCase(Primary.Grok, Wire.Json)]
    [TestCase(Primary.Grok, Wire.Stream)]
    [TestCase(Primary.Claude, Wire.Json)]
    [TestCase(Primary.Claude, Wire.Stream)]
    public async Task Call_PrimaryKeepsFailing_OpensItsCircuitAndLaterCallsSkipIt(Primary primary, Wire wire)
    {
        // Two calls of two tries each reach the breaker's minimum throughput of 4, all failed: the circuit opens.
        await using var harness = await IntegrationHarness.StartAsync(primary);
        harness.PrimaryEndpoint.Default = EmulatorBehavior.Status(500);

        for (var call = 0; call < 2; call++)
        {
            var answer = await harness.CallAsync(wire);
            Assert.That(answer.Attempts.Select(AttemptRow.From).First(), Is.EqualTo(new AttemptRow(harness.PrimaryName, ChatAttemptOutcome.Failed, ChatErrorClass.ServerError, 500)));
        }

        var skipped = await harness.CallAsync(wire);

        Assert.Multiple(() =>
        {
            Assert.That(skipped.ProviderName, Is.EqualTo(harness.SecondaryName));
            Assert.That(skipped.Attempts[0].Outcome, Is.EqualTo(ChatAttemptOutcome.Skipped));
            Assert.That(skipped.Attempts[0].SkipReason, Is.EqualTo(ProviderHealth.CircuitOpenSkipReason));
            Assert.That(harness.PrimaryEndpoint.RequestCount, Is.EqualTo(4), "no request reaches a provider whose circuit is open");
            Assert.That(harness.SecondaryEndpoint.RequestCount, Is.EqualTo(3));
        });
    }

    [TestCase(Wire.Json)]
    [TestCase(Wire.Stream)]
    public async Task Call_BothProvidersFail_ThrowsAllFailedWithEveryAttempt(Wire wire)
    {
        await using var harness = await IntegrationHarness.StartAsync(Primary.Grok, s => s.MaxRetryAttempts = 0);
        harness.PrimaryEndpoint.Enqueue(EmulatorBehavior.Status(500));
        harness.SecondaryEndpoint.Enqueue(EmulatorBehavior.Overloaded());

        var (_, failure) = await CallAsync(harness, wire);

        Assert.That(failure, Is.Not.Null);
        Assert.Multiple(() =>
        {
            Assert.That(failure!.Reason, Is.EqualTo(ChatFailoverReason.AllFailed));
            Assert.That(failure.ErrorClass, Is.EqualTo(ChatErrorClass.Overloaded));
            Assert.That(failure.InnerException, Is.TypeOf<ChatProviderException>());
            Assert.That(failure.Attempts.Select(AttemptRow.From), Is.EqualTo(new[]
            {
                new AttemptRow(IntegrationHarness.GrokName, ChatAttemptOutcome.Failed, ChatErrorClass.ServerError, 500),
                new AttemptRow(IntegrationHarness.ClaudeName, ChatAttemptOutcome.Failed, ChatErrorClass.Overloaded, 529),
            }));
        });
    }

    private static async Task<(ChainAnswer? Answer, ChatFailoverException? Failure)> CallAsync(IntegrationHarness harness, Wire wire)
    {
        try
        {
            return (await harness.CallAsync(wire), null);
        }
        catch (ChatFailoverException ex)
        {
            return (null, ex);
        }
    }
}
