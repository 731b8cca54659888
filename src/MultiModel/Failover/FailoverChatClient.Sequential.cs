namespace MultiModel.Failover;

/// <summary>The whole-answer path of <see cref="FailoverChatClient"/> when hedging is off.</summary>
/// <remarks>
/// Without hedging, at most one attempt runs at a time, so the call needs no hedge timer and no list of running
/// tasks: it awaits each attempt, and only races it against the caller's token when that token can be cancelled
/// and the attempt did not complete at once. The outcome is the same as the general loop's.
/// </remarks>
public sealed partial class FailoverChatClient
{
    private static async Task<ChatResponse> GetSequentialResponseAsync(FailoverSettings settings, ChatRequest request, CancellationToken cancellationToken)
    {
        var call = StartCall(settings, request, cancellationToken);
        TaskCompletionSource? callerGone = null;
        var registration = default(CancellationTokenRegistration);
        try
        {
            ChatResponse? response = null;
            while (response is null && call.StartNext(hedged: false, ownAbortSource: false) is { } attempt)
            {
                var task = RunAttemptAsync(call, attempt);
                if (!task.IsCompleted && cancellationToken.CanBeCanceled)
                {
                    if (callerGone is null)
                    {
                        callerGone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                        registration = cancellationToken.UnsafeRegister(static state => ((TaskCompletionSource)state!).TrySetResult(), callerGone);
                    }

                    await Task.WhenAny(task, callerGone.Task).ConfigureAwait(false);
                }

                if (cancellationToken.IsCancellationRequested)
                {
                    // The caller is gone: stop the attempt (it may still be running) and let the cancellation through.
                    Abort(call, attempt, task);
                    cancellationToken.ThrowIfCancellationRequested();
                }

                var result = await task.ConfigureAwait(false);
                attempt.Dispose();
                var verdict = HandleResult(call, attempt, result);
                if (verdict == Verdict.Continue)
                {
                    continue;
                }

                response = verdict == Verdict.Accepted
                    ? FailoverResults.Complete(result.Response!, result.Score!, call.Attempts)
                    : throw call.CreateException(ChatFailoverReason.FailedFast);
            }

            return Completed(call, response ?? call.TakeBestForReturn() ?? throw call.CreateException());
        }
        catch (Exception ex)
        {
            call.Telemetry.Failed(ex);
            throw;
        }
        finally
        {
            registration.Dispose();
            call.Telemetry.End();
        }
    }

    /// <summary>Validates the request and creates the call's state; throws inside the returned task, as an async method does.</summary>
    private static FailoverCall StartCall(FailoverSettings settings, ChatRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        cancellationToken.ThrowIfCancellationRequested();
        return new FailoverCall(settings, request, cancellationToken);
    }
}
