using System.Collections.Concurrent;
using System.Diagnostics;
using MultiModel.Testing;

namespace MultiModel.Tests.Integration;

/// <summary>
/// Thousands of calls through both chains with random faults, cancellations and invalid requests, from several
/// callers at once: every call must end in a documented way, and connections, memory and unobserved task
/// exceptions must stay flat. <c>MULTIMODEL_SOAK_CALLS</c> sets the number of calls (default 2000; 100000 for the
/// full run), <c>MULTIMODEL_SOAK_SEED</c> replays a seed printed by an earlier run.
/// </summary>
/// <remarks>
/// Not parallelizable: it measures process-wide managed memory and listens to the process-wide
/// <see cref="TaskScheduler.UnobservedTaskException"/>, which other tests running alongside would disturb.
/// </remarks>
[TestFixture]
[Category("Soak")]
[NonParallelizable]
public class SoakTests
{
    private const int DefaultCalls = 2000;
    private const int Callers = 8;
    private const double FaultRate = 0.2;
    private const double CancelRate = 0.05;
    private const double InvalidRate = 0.01;
    private static readonly TimeSpan Watchdog = TimeSpan.FromSeconds(30);

    /// <summary>The faults drawn at random; Retry-After, delays and timeouts are short so that a call never takes long.</summary>
    private static readonly Func<EmulatorBehavior>[] Faults =
    [
        () => EmulatorBehavior.RateLimited(TimeSpan.FromMilliseconds(50)), // within the cap: slept, then retried
        () => EmulatorBehavior.RateLimited(TimeSpan.FromMilliseconds(150)), // beyond the 100 ms cap: a short cooldown
        () => EmulatorBehavior.Overloaded(),
        () => EmulatorBehavior.Status(500),
        () => EmulatorBehavior.Status(503, "Service temporarily unavailable."),
        () => EmulatorBehavior.Status(401),
        EmulatorBehavior.ContextTooLong,
        () => EmulatorBehavior.Status(400, "temperature: Input should be less than or equal to 2"),
        () => EmulatorBehavior.Answer().WithHeaderDelay(TimeSpan.FromSeconds(2)),
        EmulatorBehavior.Hang,
        EmulatorBehavior.ConnectionReset,
        () => EmulatorBehavior.StreamCut(afterDeltas: 0),
        () => EmulatorBehavior.StreamCut(afterDeltas: 2),
        () => EmulatorBehavior.StreamError(afterDeltas: 0),
        () => EmulatorBehavior.StreamError(afterDeltas: 2),
        EmulatorBehavior.MalformedJson,
        EmulatorBehavior.EmptyBody,
        () => EmulatorBehavior.Truncated(),
        () => EmulatorBehavior.Refusal(),
        () => EmulatorBehavior.Answer().WithLogprobs(0.2),
        () => EmulatorBehavior.CannedAnswer(10).WithDeltaDelay(TimeSpan.FromMilliseconds(5)),
    ];

    [Test]
    public async Task Calls_RandomFaultsAndCancellations_EveryCallEndsInADocumentedWayAndResourcesStayFlat()
    {
        var calls = ReadSetting("MULTIMODEL_SOAK_CALLS") is { } n and > 0 ? n : DefaultCalls;
        var seed = ReadSetting("MULTIMODEL_SOAK_SEED") ?? Random.Shared.Next();
        TestContext.Out.WriteLine($"Soak: {calls} calls by {Callers} callers, seed {seed} (set MULTIMODEL_SOAK_SEED={seed} to replay the draws).");

        var unobserved = new ConcurrentQueue<Exception>();
        EventHandler<UnobservedTaskExceptionEventArgs> onUnobserved = (_, e) => unobserved.Enqueue(e.Exception);
        TaskScheduler.UnobservedTaskException += onUnobserved;
        try
        {
            await using var harness = await IntegrationHarness.StartAsync(Primary.Grok, s =>
            {
                s.HttpAttemptTimeout = TimeSpan.FromSeconds(1);
                s.ChainAttemptTimeout = TimeSpan.FromSeconds(5);
                s.MaxRetryAfter = TimeSpan.FromMilliseconds(100);
                s.CircuitMinimumThroughput = 10;
                s.CircuitSamplingDuration = TimeSpan.FromSeconds(2);
                s.CircuitBreakDuration = TimeSpan.FromSeconds(1);
            });
            var tally = new SoakTally();
            var injected = new int[2];

            // Warm up (JIT, pools, connections), then take the memory baseline.
            await RunAsync(harness, tally, injected, seed, first: 0, count: Math.Min(200, calls));
            var (baseline, requestsAtBaseline) = (SettledMemory(), harness.Emulator.RequestCount);

            var stopwatch = Stopwatch.StartNew();
            await RunAsync(harness, tally, injected, seed, first: Math.Min(200, calls), count: Math.Max(0, calls - 200));
            stopwatch.Stop();

            await harness.Emulator.WaitUntilAsync(e => e.OpenConnections <= 2 * Callers, TimeSpan.FromSeconds(10));
            var after = SettledMemory();
            var emulatorRequests = harness.Emulator.RequestCount - requestsAtBaseline;
            var (faults, cancels) = (injected[0], injected[1]);
            TestContext.Out.WriteLine($"{tally.Total} calls ended in {stopwatch.Elapsed.TotalSeconds:0.0} s after warm-up ({faults} faults injected, {cancels} cancellations):");
            TestContext.Out.Write(tally.ToString());
            TestContext.Out.WriteLine($"emulator: {harness.Emulator.RequestCount} requests, {harness.Emulator.TotalConnections} connections in all, {harness.Emulator.OpenConnections} open, {harness.Emulator.AbortedRequests} aborted");
            TestContext.Out.WriteLine($"managed memory after GC: {baseline / 1024} KiB after warm-up, {after / 1024} KiB at the end");

            // The emulator keeps every request it received (body, headers, parsed JSON) by design: allow for that, plus a fixed margin.
            var memoryBound = baseline + (16 * 1024 * 1024) + (emulatorRequests * 4L * 1024);
            Assert.Multiple(() =>
            {
                Assert.That(tally.Total, Is.EqualTo(calls), "every call is accounted for");
                Assert.That(tally.Unexpected, Is.Empty, "every call returns or throws a documented exception");
                Assert.That(tally.Count("returned"), Is.GreaterThan(calls / 2), "most calls succeed despite the faults");
                Assert.That(harness.Emulator.OpenConnections, Is.LessThanOrEqualTo(2 * Callers), "open connections stay bounded by the callers");
                Assert.That(harness.Emulator.TotalConnections, Is.LessThanOrEqualTo((4 * Callers) + faults + cancels), "healthy calls reuse connections");
                Assert.That(after, Is.LessThanOrEqualTo(memoryBound), "managed memory stays flat");
            });
        }
        finally
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            TaskScheduler.UnobservedTaskException -= onUnobserved;
        }

        Assert.That(unobserved, Is.Empty, "no task exception went unobserved");
    }

    /// <summary>Runs calls <paramref name="first"/> to <paramref name="first"/> + <paramref name="count"/> - 1 with <see cref="Callers"/> callers.</summary>
    private static async Task RunAsync(IntegrationHarness harness, SoakTally tally, int[] injected, int seed, int first, int count)
    {
        var next = first - 1;
        var end = first + count;
        var callers = Enumerable.Range(0, Callers).Select(caller => Task.Run(async () =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < end)
            {
                // One draw sequence per call index: the same seed draws the same faults, whatever the interleaving.
                await CallOnceAsync(harness, tally, injected, new Random(unchecked(seed + (index * 7919))), index);
            }
        }));
        await Task.WhenAll(callers);
    }

    private static async Task CallOnceAsync(IntegrationHarness harness, SoakTally tally, int[] injected, Random random, int index)
    {
        var chain = random.Next(2) == 0 ? harness.Chain : harness.Reverse;
        var wire = random.Next(2) == 0 ? Wire.Json : Wire.Stream;
        if (random.NextDouble() < FaultRate)
        {
            var endpoint = random.Next(2) == 0 ? harness.Emulator.Xai : harness.Emulator.Anthropic;
            endpoint.Enqueue(Faults[random.Next(Faults.Length)]());
            Interlocked.Increment(ref injected[0]);
        }

        var request = random.NextDouble() < InvalidRate ? new ChatRequest() : IntegrationHarness.Request();
        using var cts = new CancellationTokenSource();
        if (random.NextDouble() < CancelRate)
        {
            cts.CancelAfter(TimeSpan.FromMilliseconds(random.Next(0, 30)));
            Interlocked.Increment(ref injected[1]);
        }

        var call = IntegrationHarness.CallAsync(chain, wire, request, cts.Token);
        if (await Task.WhenAny(call, Task.Delay(Watchdog)) != call)
        {
            tally.Hung(index);
            _ = call.ContinueWith(static t => t.Exception, TaskScheduler.Default);
            return;
        }

        try
        {
            await call;
            tally.Returned();
        }
        catch (Exception ex)
        {
            tally.Threw(ex, cts.IsCancellationRequested, index);
            if (ex is ChatFailoverException { Reason: ChatFailoverReason.AllSkipped })
            {
                // Both providers cool down or have an open circuit: a well-behaved client backs off a little
                // instead of spinning through instant refusals (which would turn the soak into a no-op).
                await Task.Delay(25);
            }
        }
    }

    private static long SettledMemory()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static int? ReadSetting(string name) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), out var value) ? value : null;
}
