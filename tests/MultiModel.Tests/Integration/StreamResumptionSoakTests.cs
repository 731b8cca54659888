using System.Diagnostics;
using System.Globalization;
using MultiModel.Testing;

namespace MultiModel.Tests.Integration;

/// <summary>
/// Streamed calls through grok → claude (real DI container, providers and resilience pipeline) while the emulator's chaos
/// mode fails 20 % of both APIs' requests at random: with <c>ResumeStreams</c> on, at most 1 % of the calls may end in
/// an exception. The same calls run with it off first, on the same seed, to show what it changes.
/// <c>MULTIMODEL_RESUME_SOAK_CALLS</c> sets the calls per run (default 600); <c>MULTIMODEL_SOAK_SEED</c> replays a seed
/// printed by an earlier run (like the other soak test; CI runs a random seed and a fixed one).
/// </summary>
/// <remarks>Not parallelizable: its timing (stalls end at the attempt timeout) would suffer from other tests' load.</remarks>
[TestFixture]
[Category("Soak")]
[NonParallelizable]
public class StreamResumptionSoakTests
{
    private const int DefaultCalls = 600;
    private const int Callers = 8;
    private const double FaultRate = 0.2;
    private const double MaxFailureRate = 0.01;
    private static readonly TimeSpan Watchdog = TimeSpan.FromSeconds(30);

    [Test]
    public async Task StreamedCalls_TwentyPercentFaultsOnBothProviders_ResumptionKeepsFailuresAtOnePercentOrLess()
    {
        var calls = int.TryParse(Environment.GetEnvironmentVariable("MULTIMODEL_RESUME_SOAK_CALLS"), out var n) && n > 0 ? n : DefaultCalls;
        var seed = int.TryParse(Environment.GetEnvironmentVariable("MULTIMODEL_SOAK_SEED"), out var s) ? s : Random.Shared.Next();
        TestContext.Out.WriteLine($"Resumption soak: {calls} streamed calls by {Callers} callers per run, {FaultRate:P0} faults on both APIs, seed {seed} (set MULTIMODEL_SOAK_SEED={seed} to replay the draws).");

        var off = await RunAsync(resume: false, calls, seed);
        var on = await RunAsync(resume: true, calls, seed);

        Assert.Multiple(() =>
        {
            Assert.That(off.Unexpected, Is.Empty, "off: every call returns or throws ChatFailoverException");
            Assert.That(on.Unexpected, Is.Empty, "on: every call returns or throws ChatFailoverException");
            Assert.That(on.Resumed, Is.GreaterThan(0), "on: broken streams were resumed");
            Assert.That(on.Intact, Is.EqualTo(on.Returned), "on: every answer reads as one text, nothing repeated or lost at a junction");
            Assert.That(off.Resumed, Is.Zero, "off: nothing is resumed");
            Assert.That(on.FailureRate, Is.LessThanOrEqualTo(MaxFailureRate), "on: at most 1 % of the streamed calls end in an exception");
            Assert.That(off.FailureRate, Is.GreaterThan(on.FailureRate), "resumption is what brings the failures down");
        });
    }

    private static async Task<SoakRun> RunAsync(bool resume, int calls, int seed)
    {
        await using var harness = await IntegrationHarness.StartAsync(Primary.Grok, s =>
        {
            s.ResumeStreams = resume;
            s.ChainAttemptTimeout = TimeSpan.FromSeconds(1); // first content, then silence between updates: how long a stall lasts
            s.HttpAttemptTimeout = TimeSpan.FromSeconds(5);
            s.LogprobScorer = false;
        });
        var text = EmulatorBehavior.CannedText(30);
        harness.Emulator.Xai.Default = EmulatorBehavior.Answer(text);
        harness.Emulator.Anthropic.Default = EmulatorBehavior.Answer(text);
        var xai = harness.Emulator.Xai.Chaos = new EmulatorChaos(FaultRate, seed);
        var anthropic = harness.Emulator.Anthropic.Chaos = new EmulatorChaos(FaultRate, seed + 1);

        var run = new SoakRun(text);
        var stopwatch = Stopwatch.StartNew();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, Callers).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref next) < calls)
            {
                await run.CallAsync(harness.Chain, Watchdog);
            }
        })));

        TestContext.Out.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"ResumeStreams={resume}: {run.Failed} of {calls} calls threw ({run.FailureRate:P2}), {run.Resumed} resumed, {run.Intact} answers intact, in {stopwatch.Elapsed.TotalSeconds:0.0} s; faults: xAI {xai.FaultCount}/{xai.RequestCount}, Anthropic {anthropic.FaultCount}/{anthropic.RequestCount}"));
        TestContext.Out.Write(run.Endings());
        return run;
    }
}
