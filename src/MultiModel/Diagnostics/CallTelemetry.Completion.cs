using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace MultiModel.Diagnostics;

/// <summary>The end of a call: the final provider, the outcome and the parent span's status.</summary>
internal sealed partial class CallTelemetry
{
    private const string CompletedOutcome = "succeeded";
    private const string AbandonedOutcome = "abandoned";

    private string? _outcome;

    /// <summary>Records the answer the call returns (accepted, or the best one flagged below the threshold).</summary>
    /// <param name="winner">The attempt whose answer is returned.</param>
    /// <param name="providerName">The provider that produced the answer (for a nested chain, one of its providers).</param>
    /// <param name="modelId">The model that answered.</param>
    /// <param name="score">The answer's confidence.</param>
    public void Completed(IObservedAttempt winner, string providerName, string? modelId, ConfidenceScore score)
    {
        if (!_enabled)
        {
            return;
        }

        var belowThreshold = !score.MeetsThreshold;
        _outcome = belowThreshold ? TelemetryTags.Outcome(ChatAttemptOutcome.BelowThreshold) : CompletedOutcome;
        Logger.CallCompleted(Chain, providerName, _attemptCount, ElapsedMs, belowThreshold);
        if (belowThreshold)
        {
            _telemetry.Metrics.RecordCallBelowThreshold(Chain, providerName);
        }

        if (_activity is { IsAllDataRequested: true } activity)
        {
            activity.SetTag(TelemetryTags.FinalProvider, providerName);
            if (string.Equals(winner.Provider.Name, providerName, StringComparison.Ordinal))
            {
                activity.SetTag(TelemetryTags.ProviderSystem, winner.Telemetry?.Tags.System);
            }

            SetAnswerTags(activity, modelId, usage: null, winner);
            SetConfidenceTags(activity, score);
            activity.SetTag(TelemetryTags.BelowThreshold, belowThreshold);
        }
    }

    /// <summary>Records how the call ended without an answer (once; later reports change nothing): cancelled by the caller, given up by the chain (a <see cref="ChatFailoverException"/>), or failed otherwise.</summary>
    /// <param name="exception">What the call throws.</param>
    public void Failed(Exception exception)
    {
        if (!_enabled || _outcome is not null)
        {
            return;
        }

        var failover = exception as ChatFailoverException;
        var failoverReason = failover is null ? null : TelemetryTags.Reason(failover.Reason);
        var lastErrorClass = failover?.ErrorClass ?? ChatErrorClass.None;
        var belowThreshold = failover?.Reason is ChatFailoverReason.NoneMetThreshold or ChatFailoverReason.BelowThresholdAfterContent;

        if (exception is OperationCanceledException)
        {
            _outcome = TelemetryTags.Outcome(ChatAttemptOutcome.Cancelled);
            return;
        }

        _outcome = TelemetryTags.Outcome(ChatAttemptOutcome.Failed);
        if (failoverReason is not null)
        {
            Logger.CallFailed(Chain, failoverReason, lastErrorClass, _attemptCount, ElapsedMs);
            if (belowThreshold)
            {
                _telemetry.Metrics.RecordCallBelowThreshold(Chain, finalProvider: null);
            }
        }

        if (_activity is { } activity)
        {
            if (activity.IsAllDataRequested)
            {
                activity.SetTag(TelemetryTags.ErrorType, exception.GetType().FullName);
                activity.SetTag(TelemetryTags.FailoverReason, failoverReason);
            }

            activity.SetStatus(ActivityStatusCode.Error, failoverReason ?? exception.GetType().Name);
        }
    }

    /// <summary>Ends the call's span; every attempt has ended before (the engine records those still open as cancelled).</summary>
    public void End()
    {
        if (!_enabled || _ended)
        {
            return;
        }

        _ended = true;
        if (_activity is { } activity)
        {
            if (activity.IsAllDataRequested)
            {
                activity.SetTag(TelemetryTags.CallOutcome, _outcome ?? AbandonedOutcome);
                activity.SetTag(TelemetryTags.AttemptCount, _attemptCount);
            }

            MultiModelDiagnostics.Stop(activity);
        }
    }
}
