using System.Diagnostics;
using MultiModel.Testing;

namespace MultiModel.Tests.Integration;

[Parallelizable(ParallelScope.All)]
public class StreamingPassThroughTests
{
    private static readonly TimeSpan DeltaDelay = TimeSpan.FromMilliseconds(250);

    [TestCase(Primary.Grok)]
    [TestCase(Primary.Claude)]
    public async Task GetStreamingResponseAsync_SlowDeltas_FirstUpdateReachesTheCallerWhileTheEmulatorStillHoldsTheRest(Primary primary)
    {
        // Eight deltas, each sent 250 ms after the previous one: the stream lasts at least 2 s on the server side.
        const int Deltas = 8;
        await using var harness = await IntegrationHarness.StartAsync(primary);
        harness.PrimaryEndpoint.Enqueue(EmulatorBehavior.CannedAnswer(Deltas).WithDeltaDelay(DeltaDelay));
        var stopwatch = Stopwatch.StartNew();
        TimeSpan? firstAt = null;
        string? firstText = null;
        EmulatorRequestOutcome? serverStateAtFirst = null;
        var text = new System.Text.StringBuilder();

        await foreach (var update in harness.Chain.GetStreamingResponseAsync(IntegrationHarness.Request()))
        {
            if (firstAt is null && !string.IsNullOrEmpty(update.Text))
            {
                firstAt = stopwatch.Elapsed;
                firstText = update.Text;
                serverStateAtFirst = harness.PrimaryEndpoint.Requests.Single().Outcome;
            }

            text.Append(update.Text);
        }

        var total = stopwatch.Elapsed;
        TestContext.Out.WriteLine($"{primary}: first content after {firstAt?.TotalMilliseconds:0} ms, stream done after {total.TotalMilliseconds:0} ms");
        Assert.Multiple(() =>
        {
            Assert.That(text.ToString(), Is.EqualTo(EmulatorBehavior.CannedText(Deltas)));
            Assert.That(firstText, Is.EqualTo("The"), "the first update is the first delta alone, not a buffered head");
            Assert.That(serverStateAtFirst, Is.EqualTo(EmulatorRequestOutcome.Pending), "the emulator was still streaming when the caller got the first delta");
            Assert.That(total, Is.GreaterThanOrEqualTo(DeltaDelay * (Deltas - 1)), "the emulator really paced the deltas");

            // Generous: the first delta leaves the server after 250 ms, the last after 2 s; a buffering client would
            // deliver the first one only at the end.
            Assert.That(firstAt, Is.LessThan(total - TimeSpan.FromSeconds(1)), "the first update arrived long before the stream ended");
        });
    }
}
