using System.Diagnostics;
using System.Globalization;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using MultiModel.Diagnostics;
using MultiModel.Resilience;

namespace MultiModel.Failover;

/// <summary>The record of one provider in one call of a failover chain: skipped, or called once.</summary>
/// <remarks>
/// <para>
/// A started attempt owns its cancellation (the caller's token, an abort, the attempt timeout), its timing, what its
/// own flow produced (<see cref="Completion"/>: an answer or a stream head and its score, or a failure) and its report,
/// written once (<see cref="Report"/>). Telemetry reads it through <see cref="IObservedAttempt"/>.
/// </para>
/// <para>
/// The call's loop owns the instance: it aborts it (hedging loser, caller gone) and disposes it only once its flow
/// has ended, so cancellation and disposal never race.
/// </para>
/// </remarks>
internal sealed partial class FailoverAttempt : IObservedAttempt, IAsyncDisposable
{
    private readonly FailoverCall _call;

    /// <summary>The abort source when attempts may overlap (hedging); without it, aborting cancels <see cref="_linked"/>.</summary>
    private readonly CancellationTokenSource? _abort;

    /// <summary>The source of the provider call's token: caller, abort and attempt timeout.</summary>
    private readonly CancellationTokenSource? _linked;

    /// <summary>The source whose timer is the attempt timeout: <see cref="_linked"/> (system clock), a source of its own, or none.</summary>
    private readonly CancellationTokenSource? _timer;
    private readonly long _started;

    /// <summary>The rate budget's reservation, held only when a budget granted one: an attempt of a chain without budgets carries none.</summary>
    private readonly StrongBox<RateBudgetReservation>? _reservation;
    private TimeSpan? _duration;
    private TimeSpan? _timeToFirstContent;
    private volatile bool _aborted;
    private bool _released;
    private bool _disposed;

    /// <summary>Initializes a new instance of the <see cref="FailoverAttempt"/> class for a provider that is skipped.</summary>
    public FailoverAttempt(FailoverCall call, int index, AttemptSkip skip)
    {
        _call = call;
        Index = index;
        Provider = call.ProviderAt(index);
        Skip = skip;
    }

    /// <summary>
    /// Initializes a new instance of the <see cref="FailoverAttempt"/> class for a provider about to be called (<paramref name="hedged"/>: while another
    /// one still runs), and starts its clock. The rate budget's <paramref name="reservation"/> is settled once, when the attempt ends.
    /// </summary>
    public FailoverAttempt(FailoverCall call, int index, bool hedged, RateBudgetReservation reservation)
    {
        _call = call;
        Index = index;
        Provider = call.ProviderAt(index);
        Hedged = hedged;
        _reservation = reservation.Budget is null ? null : new(reservation);
        var (clock, timeout) = (call.Settings.TimeProvider, call.Options.AttemptTimeout);
        _started = clock.GetTimestamp();

        // Without hedging an attempt is aborted only when the caller is gone, so the caller's token serves for scoring.
        _abort = call.Options.HedgingDelay is null ? null : CancellationTokenSource.CreateLinkedTokenSource(call.CallerToken);
        var upstream = _abort?.Token ?? call.CallerToken;
        if (timeout == Timeout.InfiniteTimeSpan || clock == TimeProvider.System)
        {
            // With the system clock the linked source carries the timer itself: one source fewer per attempt.
            _linked = CancellationTokenSource.CreateLinkedTokenSource(upstream);
            _timer = timeout == Timeout.InfiniteTimeSpan ? null : _linked;
            _timer?.CancelAfter(timeout);
        }
        else
        {
            _timer = new CancellationTokenSource(timeout, clock);
            _linked = CancellationTokenSource.CreateLinkedTokenSource(upstream, _timer.Token);
        }
    }

    public int Index { get; }

    public IChatProvider Provider { get; }

    public bool Hedged { get; }

    public AttemptSkip? Skip { get; }

    public ChatAttempt? Report { get; private set; }

    public bool FailsOver { get; private set; }

    public AttemptTelemetry? Telemetry { get; set; }

    /// <summary>Gets the attempt's own flow: the provider call (or the head of its stream) and the score; it never throws.</summary>
    public Task Completion { get; private set; } = Task.CompletedTask;

    /// <summary>Gets or sets a value indicating whether the call's loop still waits for <see cref="Completion"/>.</summary>
    public bool InFlight { get; set; }

    /// <summary>Gets or sets a value indicating whether the attempt's stream is relayed to the caller (its report then says how much text it delivered).</summary>
    public bool Relayed { get; set; }

    /// <summary>Gets what the provider (or the attempt timeout) threw, if it did.</summary>
    public Exception? Failure { get; private set; }

    /// <summary>Gets what a scorer threw, if one did: it ends the call.</summary>
    public ExceptionDispatchInfo? ScorerFailure { get; private set; }

    /// <summary>Gets the score of the whole answer, or of the head while <see cref="ScoreIsPartial"/>; <see langword="null"/> for a head released unscored.</summary>
    public ConfidenceScore? Score { get; private set; }

    public bool ScoreIsPartial { get; private set; }

    /// <summary>Gets the whole answer: the provider's, or built from its stream once complete and scored.</summary>
    public ChatResponse? Response { get; private set; }

    /// <summary>Gets the stream of a streamed attempt, once the provider returned one.</summary>
    public AttemptStream? Stream { get; private set; }

    /// <summary>Gets a value indicating whether the whole answer is there (for a stream: its final update came).</summary>
    public bool IsComplete => Stream is { } stream ? stream.Final is not null : Response is not null;

    public string? ResponseId => Stream is { } stream ? stream.Answer.ResponseId : Response?.ResponseId;

    public ChatFinishReason? FinishReason => Stream is { } stream ? stream.Answer.FinishReason : Response?.FinishReason;

    public string? RawFinishReason => Stream is { } stream ? stream.Answer.RawFinishReason : Response?.RawFinishReason;

    public string AnswerText => Response?.Text ?? Stream?.Answer.Text ?? string.Empty;

    private FailoverSettings Settings => _call.Settings;

    private FailoverChatClientOptions Options => _call.Options;

    private TimeSpan Elapsed => Settings.TimeProvider.GetElapsedTime(_started);

    /// <summary>Starts the attempt's own flow (<see cref="Completion"/>); telemetry has opened its span before.</summary>
    public void Start()
    {
        InFlight = true;
        Completion = RunAsync();
    }

    /// <summary>Stops the attempt's work and disposes the attempt once its flow has ended (it may still be running).</summary>
    public void AbortAndRelease()
    {
        Abort();
        _released = true;
        _ = Completion.ContinueWith(static (_, state) => ((FailoverAttempt)state!).DisposeAsync().AsTask(), this, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).Unwrap();
    }

    /// <summary>Turns what the provider threw into the failure to classify: a fired attempt timer becomes a <see cref="TimeoutException"/>.</summary>
    public Exception Translate(Exception exception) =>
        exception is OperationCanceledException && _timer is { IsCancellationRequested: true } && !_aborted && !_call.CallerToken.IsCancellationRequested
            ? new TimeoutException(string.Create(CultureInfo.InvariantCulture, $"The attempt to '{Provider.Name}' timed out after {Options.AttemptTimeout.TotalMilliseconds:0} ms."), exception)
            : exception;

    /// <summary>
    /// Ends the attempt with its report, once (a later call does nothing), and tells telemetry and <see cref="FailoverChatClientOptions.OnAttempt"/>:
    /// skipped, failed (with the failure and the classifier's decision), answered or cancelled.
    /// </summary>
    public void End(ChatAttemptOutcome outcome, Exception? failure = null, ChatErrorDecision decision = default)
    {
        Debug.Assert(outcome == ChatAttemptOutcome.Skipped == Skip is not null, "Only a skipped provider ends as skipped.");
        if (Report is not null)
        {
            return;
        }

        var answered = outcome is ChatAttemptOutcome.Succeeded or ChatAttemptOutcome.BelowThreshold;
        var usage = !answered ? null : Stream is { } stream ? stream.Answer.Usage : Response?.Usage;
        if (_reservation is { } reserved)
        {
            Options.HealthSource!.SettleBudget(reserved.Value, usage);
        }

        var (status, errorType) = Describe(failure);
        FailsOver = decision.ShouldFailOver;
        Report = new ChatAttempt
        {
            Index = Index,
            ProviderName = Provider.Name,
            Outcome = outcome,
            ErrorClass = decision.ErrorClass,
            StatusCode = status,
            ErrorType = errorType,
            Exception = failure,
            Duration = Skip is not null ? TimeSpan.Zero : answered ? _duration ?? Elapsed : Elapsed,
            TimeToFirstContent = _timeToFirstContent,
            Confidence = answered ? Score : null,
            Usage = usage,
            ModelId = answered ? Stream?.Answer.ModelId ?? Response?.ModelId : null,
            Hedged = Hedged,
            DeliveredTextLength = Relayed ? Stream!.ContentLength : null,
            SkipReason = Skip?.Reason,
        };
        _call.Telemetry.AttemptEnded(this);
        Options.OnAttempt?.Invoke(Report);
    }

    /// <summary>Ends an answered attempt: succeeded when its score meets the threshold, else below it.</summary>
    public void EndAnswered() => End(Score!.MeetsThreshold ? ChatAttemptOutcome.Succeeded : ChatAttemptOutcome.BelowThreshold);

    /// <summary>Disposes the attempt unless <see cref="AbortAndRelease"/> left that to the end of its flow.</summary>
    public ValueTask DisposeUnlessReleasedAsync() => _released ? ValueTask.CompletedTask : DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            await DisposeStreamAsync().ConfigureAwait(false);
        }
        finally
        {
            _linked?.Dispose();
            (_timer == _linked ? null : _timer)?.Dispose();
            _abort?.Dispose();
        }
    }

    private void Abort()
    {
        _aborted = true;
        (_abort ?? _linked)?.Cancel();
    }

    private static (int? Status, string? ErrorType) Describe(Exception? failure) => failure switch
    {
        ChatProviderException provider => (provider.StatusCode, provider.ErrorType),
        ChatFailoverException { InnerException: { } inner } => Describe(inner),
        HttpRequestException { StatusCode: { } status } => ((int)status, null),
        _ => (null, null),
    };
}
