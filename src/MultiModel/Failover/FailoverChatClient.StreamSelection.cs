using System.Diagnostics;
using System.Runtime.ExceptionServices;
using MultiModel.Diagnostics;
using MultiModel.Internal;

namespace MultiModel.Failover;

/// <summary>The part of <see cref="FailoverChatClient"/> that picks the provider whose stream reaches the caller.</summary>
public sealed partial class FailoverChatClient
{
    /// <summary>Reads heads (hedged when asked) until one may be released; throws when none can be.</summary>
    private async Task<StreamHead> SelectStreamAsync(FailoverCall call)
    {
        var running = new List<(StreamHead Head, Task Task)>();
        var callerGone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = call.CallerToken.UnsafeRegister(static state => ((TaskCompletionSource)state!).TrySetResult(), callerGone);
        StreamHead? bestHeld = null;
        var lastStart = TimeSpan.Zero;
        try
        {
            while (true)
            {
                if (running.Count == 0)
                {
                    if (call.StartNext(hedged: false) is not { } first)
                    {
                        break;
                    }

                    running.Add(StartHead(call, first));
                    lastStart = Now();
                }

                using var hedgeTimerCancel = new CancellationTokenSource();
                var hedgeTimer = StartHedgeTimer(call, lastStart, hedgeTimerCancel.Token);
                var waitFor = new List<Task>(running.Count + 2) { callerGone.Task };
                waitFor.AddRange(running.Select(r => r.Task));
                if (hedgeTimer is not null)
                {
                    waitFor.Add(hedgeTimer);
                }

                var done = await Task.WhenAny(waitFor).ConfigureAwait(false);
                await hedgeTimerCancel.CancelAsync().ConfigureAwait(false);
                call.CallerToken.ThrowIfCancellationRequested();
                if (done == hedgeTimer)
                {
                    if (call.StartNext(hedged: true) is { } hedge)
                    {
                        running.Add(StartHead(call, hedge));
                        lastStart = Now();
                    }

                    continue;
                }

                var entry = running.First(r => r.Task == done);
                running.Remove(entry);
                var head = entry.Head;
                if (head.FailedInScorer)
                {
                    await head.DisposeAsync().ConfigureAwait(false);
                    ExceptionDispatchInfo.Throw(head.Failure!);
                }

                if (head.Failure is { } thrown)
                {
                    await head.DisposeAsync().ConfigureAwait(false);
                    var failure = thrown;
                    var decision = call.Classify(head.Attempt, ref failure);
                    call.RecordFailure(head.Attempt, failure, decision, head.TimeToFirstContent);
                    if (!decision.ShouldFailOver)
                    {
                        await AbortAllAsync(call, running, bestHeld).ConfigureAwait(false);
                        throw call.CreateException(ChatFailoverReason.FailedFast);
                    }

                    continue;
                }

                if (head.Score is not { MeetsThreshold: false } score)
                {
                    await AbortAllAsync(call, running, bestHeld).ConfigureAwait(false);
                    return head;
                }

                if (head.IsComplete)
                {
                    call.RecordAnswer(head.Attempt, score, head.Answer.Usage, head.Answer.ModelId, head.Duration, head.TimeToFirstContent, new AnswerSummary(head.Answer));
                    await head.DisposeAsync().ConfigureAwait(false);
                    var previousBest = call.Best;
                    call.OfferBest(head.Answer.ToResponse(score));
                    if (!ReferenceEquals(previousBest, call.Best))
                    {
                        bestHeld = head;
                    }

                    continue;
                }

                if (call.Settings.WhenNoneMeetsThreshold == BelowThresholdBehavior.ReturnBest
                    && running.Count == 0 && bestHeld is null && !call.HasFurtherCandidate())
                {
                    // The last candidate: release its head although it was rejected; the final update is flagged.
                    return head;
                }

                call.RecordAnswer(head.Attempt, score, head.Answer.Usage, head.Answer.ModelId, head.Attempt.Elapsed, head.TimeToFirstContent, new AnswerSummary(head.Answer));
                await head.DisposeAsync().ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is not ChatFailoverException)
        {
            // Caller cancellation or a scorer's exception: stop the heads still being read, then let it through.
            await AbortAllAsync(call, running, bestHeld).ConfigureAwait(false);
            throw;
        }

        if (call.Settings.WhenNoneMeetsThreshold == BelowThresholdBehavior.ReturnBest && bestHeld is not null)
        {
            bestHeld.IsReplay = true;
            return bestHeld;
        }

        throw call.CreateException();
    }

    private static async Task AbortAllAsync(FailoverCall call, List<(StreamHead Head, Task Task)> running, StreamHead? bestHeld)
    {
        foreach (var (head, task) in running)
        {
            head.Attempt.Abort();
            call.RecordCancelled(head.Attempt);
            _ = task.ContinueWith(static (_, state) => ((StreamHead)state!).DisposeAsync().AsTask(), head, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).Unwrap();
        }

        running.Clear();
        if (bestHeld is not null)
        {
            await bestHeld.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static (StreamHead Head, Task Task) StartHead(FailoverCall call, ProviderAttempt attempt)
    {
        var head = new StreamHead(attempt);
        return (head, ReadHeadAsync(call, head));
    }

    /// <summary>Reads a stream up to its first content (and the head buffer), then scores what is complete or buffered; never throws.</summary>
    private static async Task ReadHeadAsync(FailoverCall call, StreamHead head)
    {
        var attempt = head.Attempt;
        if (attempt.Telemetry?.Activity is { } span)
        {
            // Scoped to this flow: the provider's own spans (HTTP) become children of the attempt's span.
            Activity.Current = span;
        }

        try
        {
            AttemptDeadline.Set(attempt.Deadline);
            head.Enumerator = attempt.Provider.GetStreamingResponseAsync(call.Request, attempt.Token).GetAsyncEnumerator(attempt.Token);
            while (!head.HasContent && !head.IsComplete)
            {
                if (!await head.Enumerator.MoveNextAsync().ConfigureAwait(false))
                {
                    throw EndedEarly(attempt);
                }

                head.Add(head.Enumerator.Current);
            }

            if (call.Settings.HasHeadBuffer)
            {
                await BufferHeadAsync(call.Settings, head).ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            head.Failure = ex;
            return;
        }

        try
        {
            if (head.IsComplete)
            {
                attempt.StopTimer();
                head.Duration = attempt.Elapsed;
                head.Score = await call.Settings.Confidence.ScoreAsync(head.Answer.ToContext(call.Request, partial: false), attempt.ScoringToken).ConfigureAwait(false);
            }
            else if (call.Settings.HasHeadBuffer)
            {
                head.Score = await call.Settings.Confidence.ScoreAsync(head.Answer.ToContext(call.Request, partial: true), attempt.ScoringToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            head.Failure = ex;
            head.FailedInScorer = true;
        }
    }

    /// <summary>Keeps reading until the head is long enough, old enough, or complete; a move cut short by the time limit stays pending.</summary>
    private static async Task BufferHeadAsync(FailoverSettings settings, StreamHead head)
    {
        var attempt = head.Attempt;
        var enumerator = head.Enumerator!;
        var deadline = settings.HeadBufferTime is { } time ? head.TimeToFirstContent + time : null;
        while (!head.IsComplete && (settings.HeadBufferLength == 0 || head.Answer.TextLength < settings.HeadBufferLength))
        {
            var move = enumerator.MoveNextAsync().AsTask();
            if (deadline is { } due && !move.IsCompleted)
            {
                var remaining = due - attempt.Elapsed;
                if (remaining > TimeSpan.Zero)
                {
                    using var delayCancel = CancellationTokenSource.CreateLinkedTokenSource(attempt.ScoringToken);
                    await Task.WhenAny(move, Task.Delay(remaining, settings.TimeProvider, delayCancel.Token)).ConfigureAwait(false);
                    await delayCancel.CancelAsync().ConfigureAwait(false);
                }

                if (!move.IsCompleted)
                {
                    head.PendingMove = move;
                    return;
                }
            }

            if (!await move.ConfigureAwait(false))
            {
                throw EndedEarly(attempt);
            }

            head.Add(enumerator.Current);
        }
    }
}
