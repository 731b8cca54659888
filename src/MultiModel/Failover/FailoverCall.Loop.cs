using System.Runtime.CompilerServices;

namespace MultiModel.Failover;

/// <summary>The one attempt engine of a failover call: whole answers, hedged calls and streams all run through <see cref="RunAsync"/>.</summary>
/// <remarks>
/// An attempt ends when its own flow has an answer and its score, a stream head ready for release, or a failure.
/// Hedging is a time limit on the same wait: when the delay passes with no attempt ended, the next provider starts too.
/// </remarks>
internal sealed partial class FailoverCall
{
    private enum Verdict
    {
        Continue,
        Accept,
        FailFast,
    }

    /// <summary>Runs the chain: starts providers in order (hedging starts the next one early), judges each attempt as it ends, and returns the attempt the caller gets.</summary>
    /// <returns>The accepted attempt (for a stream: the one whose head may be released), or under <see cref="BelowThresholdBehavior.ReturnBest"/> the best whole answer below the threshold.</returns>
    /// <exception cref="ChatFailoverException">No acceptable answer was obtained, or a failure ended the chain early.</exception>
    /// <exception cref="OperationCanceledException">The caller cancelled.</exception>
    /// <remarks>Awaited exactly once per call, so its state machine comes from a pool instead of being allocated per call.</remarks>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<FailoverAttempt> RunAsync()
    {
        try
        {
            while (FirstInFlight() is not null || StartNext(hedged: false) is not null)
            {
                if (FirstInFlight(ended: true) is not { } ended)
                {
                    try
                    {
                        await AnyInFlightEnds().WaitAsync(HedgeTimeLeft(), Settings.TimeProvider, CallerToken).ConfigureAwait(false);
                    }
                    catch (TimeoutException)
                    {
                        StartNext(hedged: true); // the hedging delay passed and no attempt has ended
                    }

                    continue;
                }

                ended.InFlight = false;
                var verdict = Judge(ended);
                if (verdict == Verdict.Accept)
                {
                    AbortInFlight();
                    return ended;
                }

                await ended.DisposeAsync().ConfigureAwait(false);
                if (verdict == Verdict.FailFast)
                {
                    AbortInFlight();
                    throw CreateException(ChatFailoverReason.FailedFast);
                }
            }

            return Options.WhenNoneMeetsThreshold == BelowThresholdBehavior.ReturnBest && Best is { } best ? best : throw CreateException();
        }
        catch (Exception)
        {
            // Caller cancellation, a scorer's exception or the chain giving up: stop the attempts still running (the caller reports the failure).
            AbortInFlight();
            throw;
        }
    }

    /// <summary>Records an ended attempt and says what the chain does next; throws on caller cancellation or a scorer's exception.</summary>
    private Verdict Judge(FailoverAttempt attempt)
    {
        CallerToken.ThrowIfCancellationRequested();
        attempt.ScorerFailure?.Throw();
        if (attempt.Failure is not null)
        {
            return RecordFailure(attempt) ? Verdict.Continue : Verdict.FailFast;
        }

        if (attempt.Score is not { MeetsThreshold: false })
        {
            return Verdict.Accept; // met the threshold, or a stream released at its first content (no head buffer)
        }

        if (!attempt.IsComplete && Options.WhenNoneMeetsThreshold == BelowThresholdBehavior.ReturnBest
            && FirstInFlight() is null && Best is null && !HasFurtherCandidate())
        {
            return Verdict.Accept; // the last candidate's rejected head is released anyway; its final update is flagged
        }

        attempt.EndAnswered();
        if (attempt.IsComplete)
        {
            OfferBest(attempt);
        }

        return Verdict.Continue;
    }

    private FailoverAttempt? FirstInFlight(bool ended = false)
    {
        for (var i = 0; i < _next; i++)
        {
            if (_attempts[i] is { InFlight: true } attempt && (!ended || attempt.Completion.IsCompleted))
            {
                return attempt;
            }
        }

        return null;
    }

    /// <summary>Gets a task that completes when an attempt in flight ends; without hedging only one is ever in flight.</summary>
    private Task AnyInFlightEnds() => Options.HedgingDelay is null
        ? FirstInFlight()!.Completion
        : Task.WhenAny(_attempts.Take(_next).Where(static a => a is { InFlight: true }).Select(static a => a!.Completion));

    /// <summary>Gets how long to wait before hedging with the next provider: the delay since the last start, or infinite.</summary>
    private TimeSpan HedgeTimeLeft() => Options.HedgingDelay is { } delay && HasFurtherCandidate()
        ? TimeSpan.FromTicks(Math.Max(0, (delay - Settings.TimeProvider.GetElapsedTime(_lastStart)).Ticks))
        : Timeout.InfiniteTimeSpan;

    /// <summary>Stops the attempts still in flight and records them as cancelled; each is disposed when its flow ends.</summary>
    private void AbortInFlight()
    {
        while (FirstInFlight() is { } attempt)
        {
            attempt.InFlight = false;
            attempt.AbortAndRelease();
            attempt.End(ChatAttemptOutcome.Cancelled);
        }
    }
}
