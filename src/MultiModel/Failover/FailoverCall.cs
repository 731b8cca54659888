using System.Globalization;
using System.Net.Http;
using MultiModel.Diagnostics;

namespace MultiModel.Failover;

/// <summary>The state of one call through a failover chain: which provider is next, what every attempt did, the best answer so far.</summary>
/// <remarks>Used by one flow at a time (the call's orchestrating flow); not thread-safe.</remarks>
internal sealed class FailoverCall
{
    /// <summary>The reason recorded on providers left untried because <see cref="FailoverChatClientOptions.MaxAttempts"/> was reached.</summary>
    public const string MaxAttemptsSkipReason = "max-attempts";

    /// <summary>One slot per provider reached so far (started or skipped), in provider order; each provider is reached at most once.</summary>
    private readonly ChatAttempt?[] _records;
    private int _recordCount;
    private int _next;
    private int _started;
    private Exception? _lastFailure;
    private ChatErrorClass _lastFailureClass;

    public FailoverCall(FailoverSettings settings, ChatRequest request, CancellationToken callerToken, bool streaming = false)
    {
        Settings = settings;
        Request = request;
        CallerToken = callerToken;
        Telemetry = CallTelemetry.Start(settings.Telemetry, settings.TimeProvider, request, streaming);
        _records = new ChatAttempt?[settings.Providers.Length];
    }

    /// <summary>Gets the call's telemetry: the parent span, attempt spans, logs and metrics.</summary>
    public CallTelemetry Telemetry { get; }

    public FailoverSettings Settings { get; }

    public ChatRequest Request { get; }

    public CancellationToken CallerToken { get; }

    /// <summary>Gets the below-threshold answer with the highest confidence so far.</summary>
    public ChatResponse? Best { get; private set; }

    /// <summary>Gets a snapshot of the recorded attempts, in provider order (attempts still running are left out).</summary>
    public IReadOnlyList<ChatAttempt> Attempts
    {
        get
        {
            var count = 0;
            foreach (var record in _records.AsSpan(0, _recordCount))
            {
                count += record is null ? 0 : 1;
            }

            if (count == 0)
            {
                return [];
            }

            var attempts = new ChatAttempt[count];
            var next = 0;
            foreach (var record in _records.AsSpan(0, _recordCount))
            {
                if (record is not null)
                {
                    attempts[next++] = record;
                }
            }

            return attempts;
        }
    }

    private bool AttemptLimitReached => Settings.MaxAttempts is { } max && _started >= max;

    /// <summary>Starts the next provider that is not skipped, recording skipped ones; <see langword="null"/> when none is left.</summary>
    /// <param name="hedged">Whether the attempt starts while another one still runs.</param>
    /// <param name="ownAbortSource">Whether the attempt needs an abort source apart from the caller's token (see <see cref="ProviderAttempt"/>).</param>
    public ProviderAttempt? StartNext(bool hedged, bool ownAbortSource = true)
    {
        var providers = Settings.Providers;
        while (_next < providers.Length)
        {
            var provider = providers[_next++];
            var index = _recordCount++;
            var skipReason = AttemptLimitReached ? MaxAttemptsSkipReason : GetSkipReason(provider);
            if (skipReason is not null)
            {
                Telemetry.Skipped(index, provider, skipReason);
                Record(new ChatAttempt { Index = index, ProviderName = provider.Name, Outcome = ChatAttemptOutcome.Skipped, SkipReason = skipReason });
                continue;
            }

            _started++;
            return new ProviderAttempt(index, provider, hedged, Settings, CallerToken, ownAbortSource)
            {
                Telemetry = Telemetry.AttemptStarted(index, provider, Request, hedged),
            };
        }

        return null;
    }

    /// <summary>Tells whether <see cref="StartNext"/> would start a provider, without recording anything.</summary>
    public bool HasFurtherCandidate()
    {
        if (AttemptLimitReached)
        {
            return false;
        }

        for (var i = _next; i < Settings.Providers.Length; i++)
        {
            if (GetSkipReason(Settings.Providers[i]) is null)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Classifies a failure of an attempt; throws <see cref="OperationCanceledException"/> when the caller cancelled.</summary>
    public ChatErrorDecision Classify(ProviderAttempt attempt, ref Exception failure)
    {
        CallerToken.ThrowIfCancellationRequested();
        failure = attempt.Translate(failure);
        return Settings.ErrorClassifier.Classify(failure);
    }

    public void RecordFailure(ProviderAttempt attempt, Exception failure, ChatErrorDecision decision, TimeSpan? timeToFirstContent = null)
    {
        _lastFailure = failure;
        _lastFailureClass = decision.ErrorClass;
        var (status, errorType) = Describe(failure);
        Telemetry.AttemptFailed(attempt.Telemetry, failure, decision, status, errorType, attempt.Elapsed);
        Record(new ChatAttempt
        {
            Index = attempt.Index,
            ProviderName = attempt.Provider.Name,
            Outcome = ChatAttemptOutcome.Failed,
            ErrorClass = decision.ErrorClass,
            StatusCode = status,
            ErrorType = errorType,
            Exception = failure,
            Duration = attempt.Elapsed,
            TimeToFirstContent = timeToFirstContent,
            Hedged = attempt.Hedged,
        });
    }

    public void RecordCancelled(ProviderAttempt attempt, TimeSpan? timeToFirstContent = null)
    {
        Telemetry.AttemptCancelled(attempt.Telemetry, attempt.Elapsed);
        Record(new ChatAttempt
        {
            Index = attempt.Index,
            ProviderName = attempt.Provider.Name,
            Outcome = ChatAttemptOutcome.Cancelled,
            Duration = attempt.Elapsed,
            TimeToFirstContent = timeToFirstContent,
            Hedged = attempt.Hedged,
        });
    }

    public void RecordAnswer(ProviderAttempt attempt, ConfidenceScore score, ChatUsage? usage, string? modelId, TimeSpan duration, TimeSpan? timeToFirstContent = null, AnswerSummary? answer = null)
    {
        Telemetry.AttemptAnswered(attempt.Telemetry, score, usage, modelId, duration, answer);
        Record(new ChatAttempt
        {
            Index = attempt.Index,
            ProviderName = attempt.Provider.Name,
            Outcome = score.MeetsThreshold ? ChatAttemptOutcome.Succeeded : ChatAttemptOutcome.BelowThreshold,
            Duration = duration,
            TimeToFirstContent = timeToFirstContent,
            Confidence = score,
            Usage = usage,
            ModelId = modelId,
            Hedged = attempt.Hedged,
        });
    }

    /// <summary>Keeps an answer below the threshold if it beats the best so far (ties keep the earlier one).</summary>
    public void OfferBest(ChatResponse response)
    {
        if (Best?.Confidence is not { } best || response.Confidence!.Value > best.Value)
        {
            Best = response;
        }
    }

    /// <summary>Gets the best answer when the policy says to return it, flagged and with every attempt.</summary>
    public ChatResponse? TakeBestForReturn() =>
        Settings.WhenNoneMeetsThreshold == BelowThresholdBehavior.ReturnBest && Best is { } best
            ? FailoverResults.Complete(best, best.Confidence!, Attempts)
            : null;

    /// <summary>Creates the exception for a chain that ended without an acceptable answer.</summary>
    public ChatFailoverException CreateException(ChatFailoverReason? reason = null, string? partialText = null, Exception? failure = null)
    {
        var attempts = Attempts;
        var inner = failure ?? _lastFailure;
        var actualReason = reason
            ?? (Best is not null || attempts.Any(a => a.Outcome == ChatAttemptOutcome.BelowThreshold) ? ChatFailoverReason.NoneMetThreshold
                : attempts.Any(a => a.Outcome != ChatAttemptOutcome.Skipped) ? ChatFailoverReason.AllFailed
                : ChatFailoverReason.AllSkipped);
        var summary = string.Join("; ", attempts.Select(a => a.ToString()));
        var message = string.Create(CultureInfo.InvariantCulture, $"Failover chain '{Settings.Name}' gave up ({actualReason}): {(summary.Length == 0 ? "no attempt" : summary)}.");
        return new ChatFailoverException(message, inner)
        {
            ChainName = Settings.Name,
            Reason = actualReason,
            ErrorClass = inner is null ? ChatErrorClass.None : _lastFailureClass,
            Attempts = attempts,
            BestResponse = Best is { } best ? FailoverResults.Complete(best, best.Confidence!, attempts) : null,
            PartialText = partialText,
        };
    }

    private void Record(ChatAttempt attempt)
    {
        _records[attempt.Index] = attempt;
        Settings.OnAttempt?.Invoke(attempt);
    }

    private string? GetSkipReason(IChatProvider provider) =>
        Settings.HealthSource?.GetHealth(provider.Name).GetSkipReason(Settings.TimeProvider.GetUtcNow());

    private static (int? Status, string? ErrorType) Describe(Exception failure) => failure switch
    {
        ChatProviderException provider => (provider.StatusCode, provider.ErrorType),
        ChatFailoverException { InnerException: { } inner } => Describe(inner),
        HttpRequestException { StatusCode: { } status } => ((int)status, null),
        _ => (null, null),
    };
}
