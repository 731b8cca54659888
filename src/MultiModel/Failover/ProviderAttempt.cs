using System.Globalization;
using MultiModel.Diagnostics;

namespace MultiModel.Failover;

/// <summary>One started call to one provider: its tokens, its timer and its clock.</summary>
/// <remarks>
/// The orchestrating flow owns the instance: it aborts it (hedging loser, caller gone) and disposes it only after
/// the work that uses its tokens has finished, so cancellation and disposal never race.
/// </remarks>
internal sealed class ProviderAttempt : IDisposable
{
    /// <summary>The abort source, when the attempt has one; else aborting cancels <see cref="_linked"/>.</summary>
    private readonly CancellationTokenSource? _abort;
    private readonly CancellationTokenSource? _timeout;
    private readonly CancellationTokenSource _linked;

    /// <summary>The source whose timer is the attempt timeout: <see cref="_linked"/>, <see cref="_timeout"/>, or none.</summary>
    private readonly CancellationTokenSource? _timer;
    private readonly CancellationToken _callerToken;
    private readonly TimeSpan _timeoutValue;
    private readonly TimeProvider _timeProvider;
    private readonly long _started;

    /// <summary>The UTC ticks of <see cref="Deadline"/>, or 0 without an attempt timeout (a long keeps the attempt smaller than a nullable offset).</summary>
    private readonly long _deadlineUtcTicks;
    private volatile bool _aborted;

    /// <summary>Initializes a new instance of the <see cref="ProviderAttempt"/> class and starts its timer.</summary>
    /// <param name="index">The attempt's place in the call's record.</param>
    /// <param name="provider">The provider called.</param>
    /// <param name="hedged">Whether the attempt started while another one still ran.</param>
    /// <param name="settings">The chain's settings (clock, attempt timeout).</param>
    /// <param name="callerToken">The caller's token.</param>
    /// <param name="ownAbortSource">
    /// Whether aborting must leave a scoring token that the attempt timeout does not cancel (hedging and streams).
    /// A call that runs one attempt at a time and aborts only when the caller is gone scores with the caller's token,
    /// and saves a token source and a link per attempt.
    /// </param>
    public ProviderAttempt(int index, IChatProvider provider, bool hedged, FailoverSettings settings, CancellationToken callerToken, bool ownAbortSource = true)
    {
        Index = index;
        Provider = provider;
        Hedged = hedged;
        _callerToken = callerToken;
        _timeProvider = settings.TimeProvider;
        _timeoutValue = settings.AttemptTimeout;
        _started = _timeProvider.GetTimestamp();
        _abort = ownAbortSource ? CancellationTokenSource.CreateLinkedTokenSource(callerToken) : null;
        var upstream = _abort?.Token ?? callerToken;
        _deadlineUtcTicks = _timeoutValue == Timeout.InfiniteTimeSpan ? 0 : (_timeProvider.GetUtcNow() + _timeoutValue).UtcTicks;
        if (_timeoutValue == Timeout.InfiniteTimeSpan)
        {
            _linked = CancellationTokenSource.CreateLinkedTokenSource(upstream);
        }
        else if (_timeProvider == TimeProvider.System)
        {
            // With the system clock the linked source carries the timer itself: one source and one link fewer per attempt.
            _linked = CancellationTokenSource.CreateLinkedTokenSource(upstream);
            _linked.CancelAfter(_timeoutValue);
            _timer = _linked;
        }
        else
        {
            _timeout = new CancellationTokenSource(_timeoutValue, _timeProvider);
            _linked = CancellationTokenSource.CreateLinkedTokenSource(upstream, _timeout.Token);
            _timer = _timeout;
        }
    }

    public int Index { get; }

    public IChatProvider Provider { get; }

    /// <summary>Gets when the attempt's first timer runs out, or <see langword="null"/> without an attempt timeout.</summary>
    public DateTimeOffset? Deadline => _deadlineUtcTicks == 0 ? null : new DateTimeOffset(_deadlineUtcTicks, TimeSpan.Zero);

    public bool Hedged { get; }

    /// <summary>Gets or sets the attempt's telemetry (span and metric attributes).</summary>
    public AttemptTelemetry? Telemetry { get; set; }

    /// <summary>Gets the token for provider calls: caller, abort and attempt timeout.</summary>
    public CancellationToken Token => _linked.Token;

    /// <summary>Gets the token for scoring: caller and abort, not the attempt timeout.</summary>
    public CancellationToken ScoringToken => _abort?.Token ?? _callerToken;

    public TimeSpan Elapsed => _timeProvider.GetElapsedTime(_started);

    public bool TimedOut => _timer is { IsCancellationRequested: true } && !IsAborted;

    public void StopTimer() => _timer?.CancelAfter(Timeout.InfiniteTimeSpan);

    public void RestartTimer() => _timer?.CancelAfter(_timeoutValue);

    private bool IsAborted => _abort?.IsCancellationRequested ?? (_aborted || _callerToken.IsCancellationRequested);

    public void Abort()
    {
        _aborted = true;
        (_abort ?? _linked).Cancel();
    }

    /// <summary>Turns what the provider threw into the failure to classify: a fired attempt timer becomes a <see cref="TimeoutException"/>.</summary>
    public Exception Translate(Exception exception) =>
        exception is OperationCanceledException && TimedOut
            ? new TimeoutException(string.Create(CultureInfo.InvariantCulture, $"The attempt to '{Provider.Name}' timed out after {_timeoutValue.TotalMilliseconds:0} ms."), exception)
            : exception;

    public void Dispose()
    {
        _linked.Dispose();
        _timeout?.Dispose();
        _abort?.Dispose();
    }
}
