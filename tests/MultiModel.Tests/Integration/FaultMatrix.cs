using MultiModel.Failover;
using MultiModel.Resilience;
using MultiModel.Testing;
using static MultiModel.ChatErrorClass;

namespace MultiModel.Tests.Integration;

/// <summary>
/// The fault matrix: every emulator fault × JSON and stream × Grok and Claude as primary, with the outcome the
/// library documents. The harness retries once (20 ms) and sleeps a Retry-After up to 2 s; the timeout rows give the
/// primary a 300 ms try timeout. Faults are queued twice where a retry would otherwise reach the default answer.
/// </summary>
internal static class FaultMatrix
{
    private static readonly TimeSpan ShortRetryAfter = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan LongRetryAfter = TimeSpan.FromSeconds(60);

    /// <summary>The default answer's first three deltas, streamed before a fault injected after three deltas.</summary>
    private const string FirstThreeDeltas = "Hello from the";

    /// <summary>Makes the primary's HTTP tries time out after 300 ms, so that the timeout rows stay fast.</summary>
    private static readonly Action<HarnessSettings> ShortPrimaryTimeout = s => s.PrimaryHttpAttemptTimeout = TimeSpan.FromMilliseconds(300);

    public static IEnumerable<TestCaseData> Cases()
    {
        foreach (var primary in Enum.GetValues<Primary>())
        {
            foreach (var wire in Enum.GetValues<Wire>())
            {
                foreach (var row in Rows(primary, wire))
                {
                    yield return new TestCaseData(row).SetArgDisplayNames($"{primary}", $"{wire}", row.Fault);
                }
            }
        }
    }

    private static IEnumerable<FaultCase> Rows(Primary primary, Wire wire)
    {
        var stream = wire == Wire.Stream;
        var overloadedStatus = primary == Primary.Claude ? 529 : 503; // Anthropic 529 overloaded_error; xAI 503 "at capacity".
        FaultCase Fault(string name, Func<EmulatorBehavior> behavior, int times = 1) => new(name, primary, wire, behavior, times);

        // Retry-After within the cap is slept and the retry succeeds; twice, the retry fails too and the chain fails over.
        yield return Fault("429-short-once", () => EmulatorBehavior.RateLimited(ShortRetryAfter)).RetriesThenSucceeds(primaryRequests: 2);
        yield return Fault("429-short-twice", () => EmulatorBehavior.RateLimited(ShortRetryAfter), times: 2).FailsOver(RateLimited, 429, primaryRequests: 2);

        // Retry-After beyond the cap: no sleep, the provider cools down and the next call skips it.
        yield return Fault("429-long", () => EmulatorBehavior.RateLimited(LongRetryAfter))
            .FailsOver(RateLimited, 429, primaryRequests: 1)
            .ThenNextCallSkipsPrimary(ProviderHealth.CooldownSkipReason);

        yield return Fault("overloaded", () => EmulatorBehavior.Overloaded(), times: 2).FailsOver(Overloaded, overloadedStatus, primaryRequests: 2);
        yield return Fault("500", () => EmulatorBehavior.Status(500), times: 2).FailsOver(ServerError, 500, primaryRequests: 2);
        yield return Fault("503", () => EmulatorBehavior.Status(503, "Service temporarily unavailable."), times: 2).FailsOver(ServerError, 503, primaryRequests: 2);

        // Not retried: another provider may still take the request.
        yield return Fault("401", () => EmulatorBehavior.Status(401)).FailsOver(Authentication, 401, primaryRequests: 1);
        yield return Fault("400-context-too-long", EmulatorBehavior.ContextTooLong).FailsOver(ContextLengthExceeded, 400, primaryRequests: 1);

        // Any other 400 would fail everywhere: fail fast.
        yield return Fault("400-other", () => EmulatorBehavior.Status(400, "temperature: Input should be less than or equal to 2")).FailsFast(InvalidRequest, 400);

        // Both tries time out; the emulator sees both requests abandoned by the client.
        yield return (Fault("header-delay", () => EmulatorBehavior.Answer().WithHeaderDelay(TimeSpan.FromSeconds(10)), times: 2) with { Tune = ShortPrimaryTimeout })
            .FailsOver(ChatErrorClass.Timeout, null, primaryRequests: 2, abortedRequests: 2);
        yield return (Fault("hang", EmulatorBehavior.Hang, times: 2) with { Tune = ShortPrimaryTimeout })
            .FailsOver(ChatErrorClass.Timeout, null, primaryRequests: 2, abortedRequests: 2);
        yield return Fault("connection-reset", EmulatorBehavior.ConnectionReset, times: 2).FailsOver(Transport, null, primaryRequests: 2);

        // A cut JSON body is unreadable; a cut stream fails over only while no content has reached the caller.
        yield return Fault("cut-before-content", () => EmulatorBehavior.StreamCut(afterDeltas: 0)).FailsOver(MalformedResponse, 200, primaryRequests: 1);
        yield return stream
            ? Fault("cut-midway", () => EmulatorBehavior.StreamCut(afterDeltas: 3)).FailsAfterContent(MalformedResponse, FirstThreeDeltas)
            : Fault("cut-midway", () => EmulatorBehavior.StreamCut(afterDeltas: 3)).FailsOver(MalformedResponse, 200, primaryRequests: 1);

        // An in-band error event (HTTP 200) is not retried; a whole call gets the matching error status instead, which is.
        yield return stream
            ? Fault("sse-error-before-content", () => EmulatorBehavior.StreamError(afterDeltas: 0), times: 2).FailsOver(StreamError, 200, primaryRequests: 1)
            : Fault("sse-error-before-content", () => EmulatorBehavior.StreamError(afterDeltas: 0), times: 2).FailsOver(Overloaded, overloadedStatus, primaryRequests: 2);
        yield return stream
            ? Fault("sse-error-midway", () => EmulatorBehavior.StreamError(afterDeltas: 3), times: 2).FailsAfterContent(StreamError, FirstThreeDeltas)
            : Fault("sse-error-midway", () => EmulatorBehavior.StreamError(afterDeltas: 3), times: 2).FailsOver(Overloaded, overloadedStatus, primaryRequests: 2);

        yield return Fault("malformed-json", EmulatorBehavior.MalformedJson).FailsOver(MalformedResponse, 200, primaryRequests: 1);
        yield return Fault("empty-200", EmulatorBehavior.EmptyBody).FailsOver(MalformedResponse, 200, primaryRequests: 1);

        // Weak answers: scored below the threshold. A stream has released its content by then and cannot fail over,
        // unless the head buffer holds the whole answer back.
        foreach (var (name, behavior, weak) in WeakAnswers(primary))
        {
            yield return !weak ? Fault(name, behavior).Answers()
                : stream ? Fault(name, behavior).BelowThresholdAfterContent()
                : Fault(name, behavior).BelowThresholdFailsOver();
        }

        yield return (Fault("truncated-within-head-buffer", () => EmulatorBehavior.Truncated()) with { Tune = s => s.HeadBufferLength = 1000 })
            .BelowThresholdFailsOver();
    }

    /// <summary>Answers that are delivered but may not be good enough, and whether they are weak for this provider.</summary>
    private static IEnumerable<(string Name, Func<EmulatorBehavior> Behavior, bool Weak)> WeakAnswers(Primary primary)
    {
        yield return ("truncated", () => EmulatorBehavior.Truncated(), true);
        yield return ("refusal", () => EmulatorBehavior.Refusal(), true);

        // Anthropic returns no log probabilities, so the log-probability scorer has no opinion and Claude's answer stands.
        yield return ("low-logprobs", () => EmulatorBehavior.Answer().WithLogprobs(0.2), primary == Primary.Grok);
    }
}
