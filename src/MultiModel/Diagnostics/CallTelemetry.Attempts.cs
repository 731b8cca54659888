using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace MultiModel.Diagnostics;

/// <summary>The attempts of a call: started, then ended once with their report (skipped, failed, answered or cancelled).</summary>
internal sealed partial class CallTelemetry
{
    /// <summary>Records the start of an attempt (and the failover that led to it), opens its span and keeps its metric attributes on it.</summary>
    public void AttemptStarted(IObservedAttempt attempt, ChatRequest request)
    {
        if (!_enabled)
        {
            return;
        }

        _attemptCount++;
        var provider = attempt.Provider;
        if (!attempt.Hedged && _failoverFrom is not null)
        {
            Logger.FailingOver(Chain, _failoverFrom, provider.Name, _failoverReason!);
            _telemetry.Metrics.RecordFailover(Chain, _failoverFrom, _failoverReason!);
        }

        _failoverFrom = null;
        var metadata = provider.Metadata;
        var model = request.ModelId ?? metadata.DefaultModelId;
        var endpoint = metadata.Endpoint is { IsAbsoluteUri: true } uri ? uri : null;
        var tags = new AttemptMetricTags(Chain, provider.Name, metadata.ProviderSystem, model, endpoint?.Host, endpoint?.Port);
        var span = MultiModelDiagnostics.StartDetached(TelemetryTags.Chat, model, ActivityKind.Client, ParentContext);
        if (span is { IsAllDataRequested: true })
        {
            span.SetTag(TelemetryTags.OperationName, TelemetryTags.Chat);
            span.SetTag(TelemetryTags.ProviderSystem, metadata.ProviderSystem);
            span.SetTag(TelemetryTags.RequestModel, model);
            SetRequestTags(span, request);
            if (endpoint is not null)
            {
                span.SetTag(TelemetryTags.ServerAddress, endpoint.Host);
                span.SetTag(TelemetryTags.ServerPort, endpoint.Port);
            }

            span.SetTag(TelemetryTags.ChainName, Chain);
            span.SetTag(TelemetryTags.ProviderName, provider.Name);
            span.SetTag(TelemetryTags.AttemptIndex, attempt.Index);
            span.SetTag(TelemetryTags.Hedged, attempt.Hedged);
        }

        attempt.Telemetry = new AttemptTelemetry(span, tags);
        Logger.AttemptStarted(Chain, attempt.Index, provider.Name, model, attempt.Hedged);
    }

    /// <summary>Records how an attempt ended (its <see cref="IObservedAttempt.Report"/>) and ends its span; called once per attempt.</summary>
    public void AttemptEnded(IObservedAttempt attempt)
    {
        if (!_enabled)
        {
            return;
        }

        var report = attempt.Report!;
        var telemetry = attempt.Telemetry;
        switch (report.Outcome)
        {
            case ChatAttemptOutcome.Skipped:
                Skipped(attempt, report);
                break;
            case ChatAttemptOutcome.Failed:
                Failed(attempt, report, telemetry!);
                break;
            case ChatAttemptOutcome.Cancelled:
                Logger.AttemptCancelled(Chain, report.Index, report.ProviderName, report.Duration.TotalMilliseconds);
                _telemetry.Metrics.RecordAttempt(Chain, report.ProviderName, telemetry!.Tags.System, report.Outcome, ChatErrorClass.None, skipReason: null);
                if (telemetry.Span is { } span)
                {
                    span.SetTag(TelemetryTags.AttemptOutcome, TelemetryTags.Outcome(ChatAttemptOutcome.Cancelled));
                    MultiModelDiagnostics.Stop(span);
                }

                break;
            default:
                Answered(attempt, report, telemetry!);
                break;
        }
    }

    private void Skipped(IObservedAttempt attempt, ChatAttempt report)
    {
        var system = attempt.Provider.Metadata.ProviderSystem;
        var skip = attempt.Skip!;
        Logger.ProviderSkipped(Chain, report.ProviderName, report.SkipReason!);
        _telemetry.Metrics.RecordAttempt(Chain, report.ProviderName, system, ChatAttemptOutcome.Skipped, ChatErrorClass.None, skip.Category);
        if (MultiModelDiagnostics.StartDetached("skip", report.ProviderName, ActivityKind.Internal, ParentContext) is { } span)
        {
            if (span.IsAllDataRequested)
            {
                span.SetTag(TelemetryTags.ChainName, Chain);
                span.SetTag(TelemetryTags.ProviderName, report.ProviderName);
                span.SetTag(TelemetryTags.ProviderSystem, system);
                span.SetTag(TelemetryTags.AttemptIndex, report.Index);
                span.SetTag(TelemetryTags.AttemptOutcome, TelemetryTags.Outcome(ChatAttemptOutcome.Skipped));
                span.SetTag(TelemetryTags.SkipReason, skip.Category);
                AddSkipEvent(span, skip);
            }

            MultiModelDiagnostics.Stop(span);
        }
    }

    /// <summary>Adds what decided a skip beyond the category: a rate budget's limit and scope, or state shared by other processes.</summary>
    private static void AddSkipEvent(Activity span, AttemptSkip skip)
    {
        if (skip.Limit is { } limit)
        {
            span.AddEvent(new ActivityEvent(TelemetryTags.RateBudgetExhaustedEvent, tags: new ActivityTagsCollection
            {
                [TelemetryTags.RateBudgetLimit] = limit,
                [TelemetryTags.SharedStateScope] = skip.Scope,
            }));
        }
        else if (skip.Scope is { } scope)
        {
            span.AddEvent(new ActivityEvent(TelemetryTags.SharedStateSkipEvent, tags: new ActivityTagsCollection
            {
                [TelemetryTags.SkipReason] = skip.Category,
                [TelemetryTags.SharedStateScope] = scope,
            }));
        }
    }

    private void Failed(IObservedAttempt attempt, ChatAttempt report, AttemptTelemetry telemetry)
    {
        var failure = report.Exception!;
        var errorClass = report.ErrorClass;
        var errorType = TelemetryTags.ErrorTypeOf(failure, report.StatusCode);
        if (errorClass == ChatErrorClass.Authentication)
        {
            Logger.AuthenticationFailed(Chain, report.Index, report.ProviderName, report.StatusCode, report.ErrorType, failure);
        }
        else
        {
            Logger.AttemptFailed(Chain, report.Index, report.ProviderName, errorClass, report.StatusCode, report.ErrorType, report.Duration.TotalMilliseconds, failure);
        }

        _telemetry.Metrics.RecordAttempt(Chain, report.ProviderName, telemetry.Tags.System, ChatAttemptOutcome.Failed, errorClass, skipReason: null);
        _telemetry.Metrics.RecordOperation(telemetry.Tags, report.Duration, usage: null, responseModel: null, errorType);
        if (attempt.FailsOver)
        {
            _failoverFrom = report.ProviderName;
            _failoverReason = TelemetryTags.Class(errorClass);
        }

        if (telemetry.Span is { } span)
        {
            if (span.IsAllDataRequested)
            {
                span.SetTag(TelemetryTags.AttemptOutcome, TelemetryTags.Outcome(ChatAttemptOutcome.Failed));
                span.SetTag(TelemetryTags.ErrorType, errorType);
                span.SetTag(TelemetryTags.ErrorClass, TelemetryTags.Class(errorClass));
                span.SetTag(TelemetryTags.HttpStatusCode, report.StatusCode);
                span.SetTag(TelemetryTags.ProviderErrorType, report.ErrorType);
            }

            span.SetStatus(ActivityStatusCode.Error, TelemetryTags.Class(errorClass));
            MultiModelDiagnostics.Stop(span);
        }
    }

    private void Answered(IObservedAttempt attempt, ChatAttempt report, AttemptTelemetry telemetry)
    {
        var score = report.Confidence!;
        if (score.MeetsThreshold)
        {
            Logger.AttemptSucceeded(Chain, report.Index, report.ProviderName, report.Duration.TotalMilliseconds, score.Value, score.Threshold);
        }
        else
        {
            if (Logger.IsEnabled(LogLevel.Warning))
            {
                Logger.AttemptBelowThreshold(Chain, report.Index, report.ProviderName, score.Value, score.Threshold, string.Join(",", Sources(score)));
            }

            _failoverFrom = report.ProviderName;
            _failoverReason = TelemetryTags.Outcome(ChatAttemptOutcome.BelowThreshold);
        }

        if (_telemetry.EnableSensitiveData && Logger.IsEnabled(LogLevel.Trace))
        {
            Logger.AnswerContent(Chain, report.Index, report.ProviderName, attempt.AnswerText);
        }

        _telemetry.Metrics.RecordAttempt(Chain, report.ProviderName, telemetry.Tags.System, report.Outcome, ChatErrorClass.None, skipReason: null);
        _telemetry.Metrics.RecordOperation(telemetry.Tags, report.Duration, report.Usage, report.ModelId, errorType: null);
        if (telemetry.Span is { } span)
        {
            if (span.IsAllDataRequested)
            {
                span.SetTag(TelemetryTags.AttemptOutcome, TelemetryTags.Outcome(report.Outcome));
                SetAnswerTags(span, report.ModelId, report.Usage, attempt);
                SetConfidenceTags(span, score);
                if (_telemetry.EnableSensitiveData)
                {
                    GenAiContent.AddChoiceEvent(span, FinishReason(attempt) ?? "other", attempt.AnswerText);
                }
            }

            MultiModelDiagnostics.Stop(span);
        }
    }
}
