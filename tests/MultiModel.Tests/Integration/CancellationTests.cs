using System.Diagnostics;
using MultiModel.Testing;

namespace MultiModel.Tests.Integration;

/// <summary>A caller that cancels ends the call at once, with no failover, and the server sees the request abandoned.</summary>
/// <remarks>
/// The call typically ends within a few milliseconds of the cancellation (well under 50 ms). The assertions allow
/// 250 ms because the suite runs in parallel on 2-core CI machines, where a thread-pool hiccup or a GC pause can
/// delay the continuation; a client that waited for the server (1 s and more here) would still fail them.
/// </remarks>
[Parallelizable(ParallelScope.All)]
public class CancellationTests
{
    private static readonly TimeSpan CancelBound = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(10);

    [TestCase(Primary.Grok)]
    [TestCase(Primary.Claude)]
    public async Task GetResponseAsync_CallerCancelsWhileTheServerHangs_ThrowsQuicklyAndTheRequestIsAborted(Primary primary)
    {
        await using var harness = await IntegrationHarness.StartAsync(primary);
        harness.PrimaryEndpoint.Enqueue(EmulatorBehavior.Hang());
        using var cts = new CancellationTokenSource();
        var call = harness.Chain.GetResponseAsync(IntegrationHarness.Request(), cts.Token);
        await harness.Emulator.WaitUntilAsync(e => e.RequestCount == 1, SettleTimeout);

        var elapsed = await CancelAndMeasureAsync(cts, call);

        await AssertAbortedWithoutFailoverAsync(harness, elapsed);
    }

    [TestCase(Primary.Grok)]
    [TestCase(Primary.Claude)]
    public async Task GetStreamingResponseAsync_CallerCancelsBeforeTheHeaders_ThrowsQuicklyAndTheRequestIsAborted(Primary primary)
    {
        await using var harness = await IntegrationHarness.StartAsync(primary);
        harness.PrimaryEndpoint.Enqueue(EmulatorBehavior.Hang());
        using var cts = new CancellationTokenSource();
        await using var stream = harness.Chain.GetStreamingResponseAsync(IntegrationHarness.Request(), cts.Token).GetAsyncEnumerator();
        var next = stream.MoveNextAsync().AsTask();
        await harness.Emulator.WaitUntilAsync(e => e.RequestCount == 1, SettleTimeout);

        var elapsed = await CancelAndMeasureAsync(cts, next);

        await AssertAbortedWithoutFailoverAsync(harness, elapsed);
    }

    [TestCase(Primary.Grok)]
    [TestCase(Primary.Claude)]
    public async Task GetStreamingResponseAsync_CallerCancelsMidStream_ThrowsQuicklyAndTheRequestIsAborted(Primary primary)
    {
        // One delta every 700 ms: the caller cancels while the server holds the second one.
        await using var harness = await IntegrationHarness.StartAsync(primary);
        harness.PrimaryEndpoint.Enqueue(EmulatorBehavior.CannedAnswer(10).WithDeltaDelay(TimeSpan.FromMilliseconds(700)));
        using var cts = new CancellationTokenSource();
        await using var stream = harness.Chain.GetStreamingResponseAsync(IntegrationHarness.Request(), cts.Token).GetAsyncEnumerator();
        while (await stream.MoveNextAsync() && string.IsNullOrEmpty(stream.Current.Text))
        {
        }

        Assert.That(stream.Current.Text, Is.EqualTo("The"));
        var next = stream.MoveNextAsync().AsTask();
        await Task.Delay(100);
        Assert.That(next.IsCompleted, Is.False, "the second delta is still on the server");

        var elapsed = await CancelAndMeasureAsync(cts, next);

        await AssertAbortedWithoutFailoverAsync(harness, elapsed);
    }

    private static async Task<TimeSpan> CancelAndMeasureAsync(CancellationTokenSource cts, Task call)
    {
        var stopwatch = Stopwatch.StartNew();
        await cts.CancelAsync();
        var thrown = await CatchAsync(call);
        var elapsed = stopwatch.Elapsed;
        TestContext.Out.WriteLine($"call ended {elapsed.TotalMilliseconds:0.0} ms after the cancellation");
        Assert.That(thrown, Is.InstanceOf<OperationCanceledException>());
        return elapsed;
    }

    private static async Task<Exception?> CatchAsync(Task call)
    {
        try
        {
            await call;
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }

    private static async Task AssertAbortedWithoutFailoverAsync(IntegrationHarness harness, TimeSpan elapsed)
    {
        Assert.That(elapsed, Is.LessThan(CancelBound));
        await harness.Emulator.WaitUntilAsync(e => e.AbortedRequests == 1, SettleTimeout);
        Assert.Multiple(() =>
        {
            Assert.That(harness.PrimaryEndpoint.Requests.Single().Outcome, Is.EqualTo(EmulatorRequestOutcome.ClientAborted));
            Assert.That(harness.SecondaryEndpoint.RequestCount, Is.EqualTo(0), "a caller's cancellation never fails over");
        });
    }
}
