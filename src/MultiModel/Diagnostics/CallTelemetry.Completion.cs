using System.Diagnostics;
using Microsoft.Extensions.Logging;
using MultiModel.Failover;

namespace MultiModel.Diagnostics;

/// <summary>The end of a call: the final provider, the outcome and the parent span's status.</summary>
internal sealed partial class CallTelemetry
{
    private const string CompletedOutcome = "succeeded";
    private const string AbandonedOutcome = "abandoned";

    private string? _outcome;

    /// <summary>Records the answer the call returns (accepted, or the best one flagged below the threshold).</summary>
    public void Completed(string providerName, string? modelId, AnswerSummary answer, ConfidenceScore? score, bool belowThreshold)
    {
        if (!_enabled)
        {
            return;
        }

        _outcome = belowThreshold ? TelemetryTags.Outcome(ChatAttemptOutcome.BelowThreshold) : CompletedOutcome;
        Logger.CallCompleted(Chain, providerName, _attemptCount, ElapsedMs, belowThreshold);
        if (belowThreshold)
        {
            _telemetry.Metrics.RecordCallBelowThreshold(Chain, providerName);
        }

        if (_activity is { IsAllDataRequested: true } activity)
        {
            activity.SetTag(TelemetryTags.FinalProvider, providerName);
            if (SystemOf(providerName) is { } system)
            {
                activity.SetTag(TelemetryTags.ProviderSystem, system);
            }

            SetAnswerTags(activity, modelId, usage: null, answer);
            if (score is not null)
            {
                SetConfidenceTags(activity, score);
            }

            activity.SetTag(TelemetryTags.BelowThreshold, belowThreshold);
        }
    }

    /// <summary>Records how the call ended without an answer: cancelled by the caller, given up by the chain, or failed otherwise.</summary>
    public void Failed(Exception exception)
    {
        if (!_enabled || _outcome is not null)
        {
            return;
        }

        if (exception is OperationCanceledException)
        {
            _outcome = TelemetryTags.Outcome(ChatAttemptOutcome.Cancelled);
            return;
        }

        _outcome = TelemetryTags.Outcome(ChatAttemptOutcome.Failed);
        string? reason = null;
        if (exception is ChatFailoverException failover)
        {
            reason = TelemetryTags.Reason(failover.Reason);
            Logger.CallFailed(Chain, reason, failover.ErrorClass, _attemptCount, ElapsedMs);
            if (failover.Reason is ChatFailoverReason.NoneMetThreshold or ChatFailoverReason.BelowThresholdAfterContent)
            {
                _telemetry.Metrics.RecordCallBelowThreshold(Chain, finalProvider: null);
            }
        }

        if (_activity is { } activity)
        {
            if (activity.IsAllDataRequested)
            {
                activity.SetTag(TelemetryTags.ErrorType, exception.GetType().FullName);
                activity.SetTag(TelemetryTags.FailoverReason, reason);
            }

            activity.SetStatus(ActivityStatusCode.Error, reason ?? exception.GetType().Name);
        }
    }

    /// <summary>Ends the call: attempts still open (a scorer's exception, the caller gone) end as cancelled, then the parent span ends.</summary>
    public void End()
    {
        if (!_enabled || _ended)
        {
            return;
        }

        _ended = true;
        var elapsed = _timeProvider.GetElapsedTime(_started);
        if (_attempts is { } attempts)
        {
            foreach (var attempt in attempts)
            {
                AttemptCancelled(attempt, elapsed);
            }
        }

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

    /// <summary>Gets the provider system of the last started attempt of a provider.</summary>
    private string? SystemOf(string providerName)
    {
        if (_attempts is { } attempts)
        {
            for (var i = attempts.Count - 1; i >= 0; i--)
            {
                if (string.Equals(attempts[i].ProviderName, providerName, StringComparison.Ordinal))
                {
                    return attempts[i].Tags.System;
                }
            }
        }

        return null;
    }
}
