using System.Diagnostics;
using System.Runtime.ExceptionServices;
using MultiModel.Confidence;
using MultiModel.Diagnostics;
using MultiModel.Internal;

namespace MultiModel.Failover;

/// <summary>Tries an ordered list of providers until one gives an answer that meets the confidence policy.</summary>
/// <remarks>
/// <para>
/// <b>Order and skipping.</b> Providers are tried in the order given. A provider that the
/// <see cref="FailoverChatClientOptions.HealthSource"/> reports cooling down or with an open circuit is skipped
/// without a call; once <see cref="FailoverChatClientOptions.MaxAttempts"/> providers were called, the rest are skipped.
/// </para>
/// <para>
/// <b>Failures.</b> Each failure is classified by <see cref="FailoverChatClientOptions.ErrorClassifier"/>: it either
/// moves the call to the next provider or ends it at once. Each attempt has its own
/// <see cref="FailoverChatClientOptions.AttemptTimeout"/> (a failure of class <see cref="ChatErrorClass.Timeout"/>).
/// Caller cancellation ends the call at once with <see cref="OperationCanceledException"/>: it is never a provider
/// failure, no further provider is tried, and an attempt in flight is reported as <see cref="ChatAttemptOutcome.Cancelled"/>.
/// </para>
/// <para>
/// <b>Confidence.</b> Every answer is scored by <see cref="FailoverChatClientOptions.Confidence"/>. An answer below
/// the threshold moves the call to the next provider. When no answer meets it, the call throws
/// <see cref="ChatFailoverException"/> or returns the best answer flagged <see cref="ChatResponse.IsBelowThreshold"/>,
/// as <see cref="FailoverChatClientOptions.WhenNoneMeetsThreshold"/> says. Every outcome carries the attempts
/// (<see cref="ChatResponse.Attempts"/>, <see cref="ChatFailoverException.Attempts"/>, the final streamed update).
/// </para>
/// <para>
/// <b>Errors.</b> A request that fails <see cref="ChatRequest.Validate"/> throws <see cref="ArgumentException"/> before
/// any provider is called. Every other way the chain gives up, fail-fast errors included, throws
/// <see cref="ChatFailoverException"/> with the last provider failure as its inner exception.
/// </para>
/// <para>
/// <b>Threads and ownership.</b> The client is immutable after construction and thread-safe. It never disposes the
/// providers: their owner (usually the DI container) does. A client can be a provider of another client.
/// </para>
/// </remarks>
public sealed partial class FailoverChatClient : IChatProvider
{
    private volatile FailoverSettings _settings;

    /// <summary>Initializes a new instance of the <see cref="FailoverChatClient"/> class.</summary>
    /// <param name="providers">The providers, in the order to try them. The sequence is copied.</param>
    /// <param name="options">The options, or <see langword="null"/> for the defaults. They are copied.</param>
    /// <param name="timeProvider">The clock for timeouts, hedging and durations, or <see langword="null"/> for <see cref="TimeProvider.System"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="providers"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="providers"/> is empty, holds a <see langword="null"/> element, or holds two providers with the same name.</exception>
    public FailoverChatClient(IEnumerable<IChatProvider> providers, FailoverChatClientOptions? options = null, TimeProvider? timeProvider = null)
    {
        _settings = CreateSettings(providers, options, timeProvider ?? TimeProvider.System);
    }

    /// <inheritdoc/>
    public string Name => _settings.Name;

    /// <summary>Replaces the providers and options for calls that start from now on; calls under way keep theirs.</summary>
    /// <remarks>Used by dependency injection to apply reloaded configuration (order, threshold) without a restart.</remarks>
    internal void Reconfigure(IEnumerable<IChatProvider> providers, FailoverChatClientOptions options) =>
        _settings = CreateSettings(providers, options, _settings.TimeProvider);

    private static FailoverSettings CreateSettings(IEnumerable<IChatProvider> providers, FailoverChatClientOptions? options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(providers);
        IChatProvider[] snapshot = [.. providers];
        if (snapshot.Length == 0)
        {
            throw new ArgumentException("At least one provider is required.", nameof(providers));
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < snapshot.Length; i++)
        {
            var provider = snapshot[i] ?? throw new ArgumentException($"Provider {i} is null.", nameof(providers));
            if (!names.Add(provider.Name))
            {
                throw new ArgumentException($"Two providers are named '{provider.Name}'; names must be unique within a chain.", nameof(providers));
            }
        }

        return new FailoverSettings(snapshot, options ?? new FailoverChatClientOptions(), timeProvider);
    }

    /// <summary>Gets the providers of the chain, in the order they are tried.</summary>
    public IReadOnlyList<IChatProvider> Providers => _settings.Providers;

    /// <summary>Gets what this chain talks to: system <c>multimodel</c>, with the first provider's address and model.</summary>
    public ChatProviderMetadata Metadata
    {
        get
        {
            var first = _settings.Providers[0].Metadata;
            return new ChatProviderMetadata(SystemName, first.Endpoint, first.DefaultModelId);
        }
    }

    /// <summary>The system name a failover chain reports in its <see cref="Metadata"/>.</summary>
    public const string SystemName = "multimodel";

    /// <summary>Sends the request to the providers in order and returns the first answer that meets the confidence policy.</summary>
    /// <param name="request">The request; it is validated once, before any provider is called, and never modified.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The accepted answer (or, under <see cref="BelowThresholdBehavior.ReturnBest"/>, the best one), with its confidence and every attempt.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="request"/> is not valid.</exception>
    /// <exception cref="ChatFailoverException">No acceptable answer was obtained, or a failure ended the chain early.</exception>
    /// <exception cref="OperationCanceledException">The caller cancelled.</exception>
    public Task<ChatResponse> GetResponseAsync(ChatRequest request, CancellationToken cancellationToken = default)
    {
        var settings = _settings;
        return settings.HedgingDelay is null
            ? GetSequentialResponseAsync(settings, request, cancellationToken)
            : GetHedgedResponseAsync(settings, request, cancellationToken);
    }

    /// <inheritdoc/>
    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(ChatRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        return StreamAsync(request, cancellationToken);
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Name} [{string.Join(", ", _settings.Providers.Select(p => p.Name))}]";

    /// <summary>Runs the call when hedging is on: attempts may overlap, so it races them, the hedge timer and the caller.</summary>
    private async Task<ChatResponse> GetHedgedResponseAsync(FailoverSettings settings, ChatRequest request, CancellationToken cancellationToken)
    {
        var call = StartCall(settings, request, cancellationToken);
        try
        {
            return Completed(call, await HedgeAsync(call).ConfigureAwait(false));
        }
        catch (Exception ex)
        {
            call.Telemetry.Failed(ex);
            throw;
        }
        finally
        {
            call.Telemetry.End();
        }
    }

    /// <summary>Reports a call's answer to telemetry and returns it.</summary>
    private static ChatResponse Completed(FailoverCall call, ChatResponse response)
    {
        call.Telemetry.Completed(response.ProviderName, response.ModelId, new AnswerSummary(response), response.Confidence, response.IsBelowThreshold);
        return response;
    }

    private async Task<ChatResponse> HedgeAsync(FailoverCall call)
    {
        var cancellationToken = call.CallerToken;
        var running = new List<(ProviderAttempt Attempt, Task<AttemptResult> Task)>();
        var callerGone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = cancellationToken.UnsafeRegister(static state => ((TaskCompletionSource)state!).TrySetResult(), callerGone);
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

                    running.Add((first, RunAttemptAsync(call, first)));
                    lastStart = Now();
                }

                using var hedgeTimerCancel = new CancellationTokenSource();
                var hedgeTimer = StartHedgeTimer(call, lastStart, hedgeTimerCancel.Token);
                var waitFor = new List<Task>(running.Count + 2) { callerGone.Task };
                waitFor.AddRange(running.Select(r => (Task)r.Task));
                if (hedgeTimer is not null)
                {
                    waitFor.Add(hedgeTimer);
                }

                var done = await Task.WhenAny(waitFor).ConfigureAwait(false);
                await hedgeTimerCancel.CancelAsync().ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                if (done == hedgeTimer)
                {
                    if (call.StartNext(hedged: true) is { } hedge)
                    {
                        running.Add((hedge, RunAttemptAsync(call, hedge)));
                        lastStart = Now();
                    }

                    continue;
                }

                var entry = running.First(r => r.Task == done);
                running.Remove(entry);
                var result = await entry.Task.ConfigureAwait(false);
                entry.Attempt.Dispose();
                var verdict = HandleResult(call, entry.Attempt, result);
                if (verdict == Verdict.Continue)
                {
                    continue;
                }

                AbortAll(call, running);
                return verdict == Verdict.Accepted
                    ? FailoverResults.Complete(result.Response!, result.Score!, call.Attempts)
                    : throw call.CreateException(ChatFailoverReason.FailedFast);
            }
        }
        catch (Exception ex) when (ex is not ChatFailoverException)
        {
            // Caller cancellation or a scorer's exception: stop the attempts still running, then let it through.
            AbortAll(call, running);
            throw;
        }

        return call.TakeBestForReturn() ?? throw call.CreateException();
    }

    private static void AbortAll(FailoverCall call, List<(ProviderAttempt Attempt, Task<AttemptResult> Task)> running)
    {
        foreach (var (attempt, task) in running)
        {
            Abort(call, attempt, task);
        }

        running.Clear();
    }

    /// <summary>Stops an attempt still running, records it as cancelled, and disposes it once its work has ended.</summary>
    private static void Abort(FailoverCall call, ProviderAttempt attempt, Task<AttemptResult> task)
    {
        attempt.Abort();
        call.RecordCancelled(attempt);
        _ = task.ContinueWith(static (_, state) => ((ProviderAttempt)state!).Dispose(), attempt, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>Records a finished attempt and says what the chain does next; throws on caller cancellation or a scorer's exception.</summary>
    private static Verdict HandleResult(FailoverCall call, ProviderAttempt attempt, AttemptResult result)
    {
        if (result.ScorerFailure is { } scorerFailure)
        {
            call.CallerToken.ThrowIfCancellationRequested();
            scorerFailure.Throw();
        }

        if (result.Failure is { } thrown)
        {
            var failure = thrown;
            var decision = call.Classify(attempt, ref failure);
            call.RecordFailure(attempt, failure, decision);
            return decision.ShouldFailOver ? Verdict.Continue : Verdict.FailFast;
        }

        var response = result.Response!;
        var score = result.Score!;
        call.RecordAnswer(attempt, score, response.Usage, response.ModelId, result.Duration, answer: new AnswerSummary(response));
        if (score.MeetsThreshold)
        {
            return Verdict.Accepted;
        }

        call.OfferBest(FailoverResults.Complete(response, score, []));
        return Verdict.Continue;
    }

    private static async Task<AttemptResult> RunAttemptAsync(FailoverCall call, ProviderAttempt attempt)
    {
        // Scoped to this flow: the provider's own spans (HTTP) become children of the attempt's span.
        if (attempt.Telemetry?.Activity is { } span)
        {
            Activity.Current = span;
        }

        ChatResponse response;
        TimeSpan duration;
        try
        {
            AttemptDeadline.Set(attempt.Deadline);
            response = await attempt.Provider.GetResponseAsync(call.Request, attempt.Token).ConfigureAwait(false);
            attempt.StopTimer();
            duration = attempt.Elapsed;
        }
        catch (Exception ex)
        {
            return new AttemptResult { Failure = ex };
        }

        try
        {
            var score = await call.Settings.Confidence.ScoreResponseAsync(call.Request, response, attempt.ScoringToken).ConfigureAwait(false);
            return new AttemptResult { Response = response, Score = score, Duration = duration };
        }
        catch (Exception ex)
        {
            return new AttemptResult { ScorerFailure = ExceptionDispatchInfo.Capture(ex) };
        }
    }

    private Task? StartHedgeTimer(FailoverCall call, TimeSpan lastStart, CancellationToken cancellationToken)
    {
        if (call.Settings.HedgingDelay is not { } delay || !call.HasFurtherCandidate())
        {
            return null;
        }

        var remaining = delay - (Now() - lastStart);
        return remaining <= TimeSpan.Zero
            ? Task.CompletedTask
            : Task.Delay(remaining, call.Settings.TimeProvider, cancellationToken).ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private TimeSpan Now() => TimeSpan.FromTicks(_settings.TimeProvider.GetUtcNow().UtcTicks);

    private enum Verdict
    {
        Continue,
        Accepted,
        FailFast,
    }

    private sealed class AttemptResult
    {
        /// <summary>Gets the provider's answer as it came (the chain's fields are added only to the answer handed back).</summary>
        public ChatResponse? Response { get; init; }

        public ConfidenceScore? Score { get; init; }

        public TimeSpan Duration { get; init; }

        public Exception? Failure { get; init; }

        public ExceptionDispatchInfo? ScorerFailure { get; init; }
    }
}
