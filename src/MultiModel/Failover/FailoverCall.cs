using System.Globalization;
using MultiModel.Diagnostics;
using MultiModel.Internal;
using MultiModel.Resilience;

namespace MultiModel.Failover;

/// <summary>The state of one call through a failover chain: one attempt record per provider reached, the best answer so far, the last failure.</summary>
/// <remarks>Used by one flow at a time (the call's orchestrating flow); not thread-safe.</remarks>
internal sealed partial class FailoverCall(FailoverSettings settings, ChatRequest request, ChatRequestSupport[]? refusals, bool streaming, CancellationToken callerToken)
{
    /// <summary>The reason recorded on providers left untried because <see cref="FailoverChatClientOptions.MaxAttempts"/> was reached.</summary>
    public const string MaxAttemptsSkipReason = "max-attempts";

    private static readonly AttemptSkip MaxAttemptsSkip = new(MaxAttemptsSkipReason, MaxAttemptsSkipReason);

    /// <summary>
    /// One record per position reached (skipped or started). The positions are the providers in order; a streamed call
    /// that may be resumed has them once more after, which open only when a stream is resumed (see <see cref="ProviderAt"/>).
    /// </summary>
    private readonly FailoverAttempt?[] _attempts = new FailoverAttempt?[(streaming && settings.Options.ResumeStreams ? 2 : 1) * settings.Providers.Length];

    /// <summary>What each provider said it cannot take (of <see cref="AttemptRequest"/>), at its index; <see langword="null"/> when all can take it.</summary>
    private ChatRequestSupport[]? _refusals = refusals;
    private int _next;

    /// <summary>The end of the positions <see cref="StartNext"/> may reach: the providers once, or twice after a resumption.</summary>
    private int _end = settings.Providers.Length;
    private int _started;
    private long _lastStart;
    private Exception? _lastFailure;
    private ChatErrorClass _lastFailureClass;

    public FailoverSettings Settings { get; } = settings;

    public FailoverChatClientOptions Options => Settings.Options;

    /// <summary>Gets the caller's request: the one answers are scored against.</summary>
    public ChatRequest Request { get; } = request;

    /// <summary>Gets the request the attempts send: the caller's, or after a stream broke, the one that asks to continue its partial answer.</summary>
    public ChatRequest AttemptRequest { get; private set; } = request;

    public bool Streaming { get; } = streaming;

    public CancellationToken CallerToken { get; } = callerToken;

    public CallTelemetry Telemetry { get; } = CallTelemetry.Start(settings.Telemetry, settings.TimeProvider, request, streaming);

    /// <summary>Gets the attempt whose whole answer, below the threshold, has the highest confidence so far.</summary>
    public FailoverAttempt? Best { get; private set; }

    /// <summary>Gets a snapshot of the ended attempts, in provider order.</summary>
    public IReadOnlyList<ChatAttempt> Attempts
    {
        get
        {
            // Usually every position reached has a report (the array is exact); attempts still running, and positions of the
            // second round that were skipped (never recorded), are left out.
            var reports = new ChatAttempt[_next];
            var count = 0;
            foreach (var attempt in _attempts.AsSpan(0, _next))
            {
                if (attempt?.Report is { } report)
                {
                    reports[count++] = report;
                }
            }

            return count == reports.Length ? reports : reports[..count];
        }
    }

    /// <summary>Validates a request and asks every provider whether it can take it, before any call.</summary>
    /// <returns>What each provider cannot take, at its index, or <see langword="null"/> when all can take it.</returns>
    /// <exception cref="ArgumentException">The request is invalid, or no provider can take it (the message gives each provider's reason).</exception>
    public static ChatRequestSupport[]? Admit(FailoverSettings settings, ChatRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        var support = RequestSupport.OfChain(settings.Options.Name, settings.Providers, request, out var refusals);
        return support.IsSupported ? refusals : throw new ArgumentException($"The request cannot be sent: {support.Reason}.", nameof(request));
    }

    /// <summary>Starts the next provider that is not skipped, recording the skipped ones (on the round after the chain's end, only the ones it calls); <see langword="null"/> when none is left.</summary>
    /// <param name="hedged">Whether the attempt starts while another one still runs.</param>
    public FailoverAttempt? StartNext(bool hedged)
    {
        while (_next < _end)
        {
            var index = _next++;
            if (GetSkip(index, reserve: true, out var reservation) is { } skip)
            {
                if (index < Settings.Providers.Length)
                {
                    (_attempts[index] = new FailoverAttempt(this, index, skip)).End(ChatAttemptOutcome.Skipped);
                }

                continue;
            }

            var attempt = _attempts[index] = new FailoverAttempt(this, index, hedged, reservation);
            _started++;
            _lastStart = Settings.TimeProvider.GetTimestamp();
            Telemetry.AttemptStarted(attempt, AttemptRequest);
            attempt.Start();
            return attempt;
        }

        return null;
    }

    /// <summary>Tells whether <see cref="StartNext"/> would start a provider, without recording anything.</summary>
    public bool HasFurtherCandidate()
    {
        for (var i = _next; i < _end; i++)
        {
            if (GetSkip(i, reserve: false, out _) is null)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Says why the provider at a position is skipped now, or <see langword="null"/> to call it: it cannot take the request, the attempt limit is reached, or its health or rate budget says so (only <paramref name="reserve"/> spends the budget).</summary>
    private AttemptSkip? GetSkip(int index, bool reserve, out RateBudgetReservation reservation)
    {
        reservation = RateBudgetReservation.None;
        return _refusals?[index % Settings.Providers.Length] is { IsSupported: false } refusal ? new(refusal.Category!, refusal.Reason!)
            : Options.MaxAttempts is { } max && _started >= max ? MaxAttemptsSkip
            : Options.HealthSource?.GetSkip(new RateBudgetRequest(ProviderAt(index), AttemptRequest), Settings.TimeProvider.GetUtcNow(), reserve, out reservation);
    }

    /// <summary>Classifies an attempt's failure and records it; when the caller cancelled, records it as cancelled and throws <see cref="OperationCanceledException"/>.</summary>
    /// <returns>Whether the chain moves on to the next provider.</returns>
    public bool RecordFailure(FailoverAttempt attempt)
    {
        if (CallerToken.IsCancellationRequested)
        {
            attempt.End(ChatAttemptOutcome.Cancelled);
            CallerToken.ThrowIfCancellationRequested();
        }

        var failure = attempt.Translate(attempt.Failure!);
        var decision = Options.ErrorClassifier.Classify(failure);
        (_lastFailure, _lastFailureClass) = (failure, decision.ErrorClass);
        attempt.End(ChatAttemptOutcome.Failed, failure, decision);
        return decision.ShouldFailOver;
    }

    /// <summary>Keeps an attempt whose whole answer is below the threshold if it beats the best so far (ties keep the earlier one).</summary>
    public void OfferBest(FailoverAttempt attempt)
    {
        if (Best is null || attempt.Score!.Value > Best.Score!.Value)
        {
            Best = attempt;
        }
    }

    /// <summary>Creates the exception for a chain that ended without an acceptable answer.</summary>
    public ChatFailoverException CreateException(ChatFailoverReason? reason = null, string? partialText = null)
    {
        var attempts = Attempts;
        reason ??= Best is not null || attempts.Any(a => a.Outcome == ChatAttemptOutcome.BelowThreshold) ? ChatFailoverReason.NoneMetThreshold
            : attempts.Any(a => a.Outcome != ChatAttemptOutcome.Skipped) ? ChatFailoverReason.AllFailed
            : ChatFailoverReason.AllSkipped;
        var summary = attempts.Count == 0 ? "no attempt" : string.Join("; ", attempts.Select(a => a.ToString()));
        return new ChatFailoverException(string.Create(CultureInfo.InvariantCulture, $"Failover chain '{Options.Name}' gave up ({reason}): {summary}."), _lastFailure)
        {
            ChainName = Options.Name,
            Reason = reason.Value,
            ErrorClass = _lastFailure is null ? ChatErrorClass.None : _lastFailureClass,
            Attempts = attempts,
            BestResponse = Best is { } best ? WithReport(best.Response!, best.Score!, attempts) : null,
            PartialText = partialText,
        };
    }

    /// <summary>Gets the provider at a position of the call: the chain's providers in order, then (for resumed streams) in order once more.</summary>
    public IChatProvider ProviderAt(int position) => Settings.Providers[position % Settings.Providers.Length];
}
