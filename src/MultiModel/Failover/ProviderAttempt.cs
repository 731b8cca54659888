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
    private readonly CancellationTokenSource _abort;
    private readonly CancellationTokenSource? _timeout;
    private readonly CancellationTokenSource _linked;
    private readonly TimeSpan _timeoutValue;
    private readonly TimeProvider _timeProvider;
    private readonly long _started;

    public ProviderAttempt(int index, IChatProvider provider, bool hedged, FailoverSettings settings, CancellationToken callerToken)
    {
        Index = index;
        Provider = provider;
        Hedged = hedged;
        _timeProvider = settings.TimeProvider;
        _timeoutValue = settings.AttemptTimeout;
        _started = _timeProvider.GetTimestamp();
        _abort = CancellationTokenSource.CreateLinkedTokenSource(callerToken);
        if (_timeoutValue != Timeout.InfiniteTimeSpan)
        {
            Deadline = _timeProvider.GetUtcNow() + _timeoutValue;
            _timeout = new CancellationTokenSource(_timeoutValue, _timeProvider);
            _linked = CancellationTokenSource.CreateLinkedTokenSource(_abort.Token, _timeout.Token);
        }
        else
        {
            _linked = CancellationTokenSource.CreateLinkedTokenSource(_abort.Token);
        }
    }

    public int Index { get; }

    public IChatProvider Provider { get; }

    /// <summary>Gets when the attempt's first timer runs out, or <see langword="null"/> without an attempt timeout.</summary>
    public DateTimeOffset? Deadline { get; }

    public bool Hedged { get; }

    /// <summary>Gets or sets the attempt's telemetry (span and metric attributes).</summary>
    public AttemptTelemetry? Telemetry { get; set; }

    /// <summary>Gets the token for provider calls: caller, abort and attempt timeout.</summary>
    public CancellationToken Token => _linked.Token;

    /// <summary>Gets the token for scoring: caller and abort, not the attempt timeout.</summary>
    public CancellationToken ScoringToken => _abort.Token;

    public TimeSpan Elapsed => _timeProvider.GetElapsedTime(_started);

    public bool TimedOut => _timeout is { IsCancellationRequested: true } && !_abort.IsCancellationRequested;

    public void StopTimer() => _timeout?.CancelAfter(Timeout.InfiniteTimeSpan);

    public void RestartTimer() => _timeout?.CancelAfter(_timeoutValue);

    public void Abort() => _abort.Cancel();

    /// <summary>Turns what the provider threw into the failure to classify: a fired attempt timer becomes a <see cref="TimeoutException"/>.</summary>
    public Exception Translate(Exception exception) =>
        exception is OperationCanceledException && TimedOut
            ? new TimeoutException(string.Create(CultureInfo.InvariantCulture, $"The attempt to '{Provider.Name}' timed out after {_timeoutValue.TotalMilliseconds:0} ms."), exception)
            : exception;

    public void Dispose()
    {
        _linked.Dispose();
        _timeout?.Dispose();
        _abort.Dispose();
    }
}
