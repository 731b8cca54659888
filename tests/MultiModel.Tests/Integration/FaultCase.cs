using MultiModel.Testing;

namespace MultiModel.Tests.Integration;

/// <summary>One row of the fault matrix: a fault queued on the primary provider, how the call is made, and what the chain must report.</summary>
public sealed record FaultCase
{
    internal FaultCase(string fault, Primary primary, Wire wire, Func<EmulatorBehavior> behavior, int times)
    {
        Fault = fault;
        Primary = primary;
        Wire = wire;
        Behavior = behavior;
        Times = times;
    }

    public string Fault { get; }

    public Primary Primary { get; }

    public Wire Wire { get; }

    /// <summary>Gets the behaviour queued on the primary's endpoint, <see cref="Times"/> times (enough to cover its retry).</summary>
    internal Func<EmulatorBehavior> Behavior { get; }

    internal int Times { get; }

    internal Action<HarnessSettings>? Tune { get; init; }

    /// <summary>Gets the provider that answers, or <see langword="null"/> when the call throws <see cref="ChatFailoverException"/>.</summary>
    internal string? AnsweredBy { get; private init; }

    internal ChatFailoverReason? Reason { get; private init; }

    internal AttemptRow[] Attempts { get; private init; } = [];

    internal int PrimaryRequests { get; private init; }

    internal int SecondaryRequests { get; private init; }

    /// <summary>Gets the text a stream delivered before it failed, for <see cref="ChatFailoverReason.FailedAfterContent"/>.</summary>
    internal string? PartialText { get; private init; }

    /// <summary>Gets the number of requests the emulator must see abandoned by the client (timeouts).</summary>
    internal int AbortedRequests { get; private init; }

    /// <summary>Gets the skip reason the primary gets on the next call, or <see langword="null"/> when the next call is not checked.</summary>
    internal string? NextCallSkipReason { get; private init; }

    private string P => IntegrationHarness.NameOf(Primary);

    private string S => IntegrationHarness.NameOf(IntegrationHarness.Other(Primary));

    public override string ToString() => $"{Primary}/{Wire}/{Fault}";

    /// <summary>The primary fails (after its retries), the secondary answers.</summary>
    internal FaultCase FailsOver(ChatErrorClass errorClass, int? status, int primaryRequests, int abortedRequests = 0) => Copy(
        answeredBy: S,
        attempts: [new(P, ChatAttemptOutcome.Failed, errorClass, status), new(S, ChatAttemptOutcome.Succeeded, ChatErrorClass.None, null)],
        primaryRequests: primaryRequests,
        secondaryRequests: 1) with { AbortedRequests = abortedRequests };

    /// <summary>The primary's answer is below the confidence threshold, so the secondary is asked and answers.</summary>
    internal FaultCase BelowThresholdFailsOver() => Copy(
        answeredBy: S,
        attempts: [new(P, ChatAttemptOutcome.BelowThreshold, ChatErrorClass.None, null), new(S, ChatAttemptOutcome.Succeeded, ChatErrorClass.None, null)],
        primaryRequests: 1,
        secondaryRequests: 1);

    /// <summary>The primary's resilience pipeline retries and the retry succeeds: one attempt, several requests.</summary>
    internal FaultCase RetriesThenSucceeds(int primaryRequests) => Copy(
        answeredBy: P,
        attempts: [new(P, ChatAttemptOutcome.Succeeded, ChatErrorClass.None, null)],
        primaryRequests: primaryRequests,
        secondaryRequests: 0);

    /// <summary>The fault is harmless for this provider: the primary answers at once.</summary>
    internal FaultCase Answers() => RetriesThenSucceeds(primaryRequests: 1);

    /// <summary>The failure would repeat anywhere: the chain stops without asking the secondary.</summary>
    internal FaultCase FailsFast(ChatErrorClass errorClass, int status) => Copy(
        reason: ChatFailoverReason.FailedFast,
        attempts: [new(P, ChatAttemptOutcome.Failed, errorClass, status)],
        primaryRequests: 1,
        secondaryRequests: 0);

    /// <summary>The stream failed after content reached the caller: no failover, the partial text is reported.</summary>
    internal FaultCase FailsAfterContent(ChatErrorClass errorClass, string partialText) => Copy(
        reason: ChatFailoverReason.FailedAfterContent,
        attempts: [new(P, ChatAttemptOutcome.Failed, errorClass, 200)],
        primaryRequests: 1,
        secondaryRequests: 0) with { PartialText = partialText };

    /// <summary>The streamed answer was released in full and only then scored below the threshold: it cannot fail over.</summary>
    internal FaultCase BelowThresholdAfterContent() => Copy(
        reason: ChatFailoverReason.BelowThresholdAfterContent,
        attempts: [new(P, ChatAttemptOutcome.BelowThreshold, ChatErrorClass.None, null)],
        primaryRequests: 1,
        secondaryRequests: 0);

    /// <summary>Also checks that the next call skips the primary (cooldown or open circuit) without contacting it.</summary>
    internal FaultCase ThenNextCallSkipsPrimary(string skipReason) => this with { NextCallSkipReason = skipReason };

    private FaultCase Copy(string? answeredBy = null, ChatFailoverReason? reason = null, AttemptRow[]? attempts = null, int primaryRequests = 0, int secondaryRequests = 0) =>
        this with
        {
            AnsweredBy = answeredBy,
            Reason = reason,
            Attempts = attempts ?? [],
            PrimaryRequests = primaryRequests,
            SecondaryRequests = secondaryRequests,
        };
}
