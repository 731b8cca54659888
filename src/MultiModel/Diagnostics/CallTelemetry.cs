using System.Diagnostics;
using Microsoft.Extensions.Logging;
using MultiModel.Failover;

namespace MultiModel.Diagnostics;

/// <summary>The telemetry of one call through a failover chain: the parent span, one child span per attempt, logs and metrics.</summary>
/// <remarks>Used by the call's orchestrating flow only, like <see cref="FailoverCall"/>. Every method is cheap when nothing listens.</remarks>
internal sealed partial class CallTelemetry
{
    private readonly FailoverTelemetry _telemetry;
    private readonly TimeProvider _timeProvider;
    private readonly long _started;
    private readonly Activity? _activity;
    private readonly List<AttemptTelemetry> _open = [];
    private readonly Dictionary<string, string> _systems = new(StringComparer.Ordinal);
    private string? _failoverFrom;
    private string? _failoverReason;
    private int _attemptCount;
    private bool _ended;

    public CallTelemetry(FailoverTelemetry telemetry, TimeProvider timeProvider, ChatRequest request, bool streaming)
    {
        _telemetry = telemetry;
        _timeProvider = timeProvider;
        _started = timeProvider.GetTimestamp();
        _activity = MultiModelDiagnostics.Source.HasListeners()
            ? MultiModelDiagnostics.Source.StartActivity("failover " + telemetry.ChainName, ActivityKind.Internal)
            : null;
        if (_activity is { IsAllDataRequested: true } activity)
        {
            activity.SetTag(TelemetryTags.ChainName, telemetry.ChainName);
            activity.SetTag(TelemetryTags.Streaming, streaming);
            if (request.ModelId is not null)
            {
                activity.SetTag(TelemetryTags.RequestModel, request.ModelId);
            }

            if (telemetry.EnableSensitiveData)
            {
                GenAiContent.AddInputEvents(activity, request);
            }
        }

        if (telemetry.EnableSensitiveData && Logger.IsEnabled(LogLevel.Trace))
        {
            Logger.RequestContent(telemetry.ChainName, GenAiContent.Messages(request));
        }
    }

    private ILogger Logger => _telemetry.Logger;

    private string Chain => _telemetry.ChainName;

    private double ElapsedMs => _timeProvider.GetElapsedTime(_started).TotalMilliseconds;

    /// <summary>Records a provider left untried (health or the attempt limit).</summary>
    public void Skipped(int index, IChatProvider provider, string reason)
    {
        Logger.ProviderSkipped(Chain, provider.Name, reason);
        var system = provider.Metadata.ProviderSystem;
        _telemetry.Metrics.RecordAttempt(Chain, provider.Name, system, ChatAttemptOutcome.Skipped, ChatErrorClass.None, reason);
        if (MultiModelDiagnostics.StartDetached("skip " + provider.Name, ActivityKind.Internal, ParentContext) is { } span)
        {
            if (span.IsAllDataRequested)
            {
                span.SetTag(TelemetryTags.ChainName, Chain);
                span.SetTag(TelemetryTags.ProviderName, provider.Name);
                span.SetTag(TelemetryTags.ProviderSystem, system);
                span.SetTag(TelemetryTags.AttemptIndex, index);
                span.SetTag(TelemetryTags.AttemptOutcome, TelemetryTags.Outcome(ChatAttemptOutcome.Skipped));
                span.SetTag(TelemetryTags.SkipReason, reason);
            }

            MultiModelDiagnostics.Stop(span);
        }
    }

    /// <summary>Records the start of an attempt (and the failover that led to it) and opens its span.</summary>
    public AttemptTelemetry AttemptStarted(int index, IChatProvider provider, ChatRequest request, bool hedged)
    {
        _attemptCount++;
        if (!hedged && _failoverFrom is not null)
        {
            Logger.FailingOver(Chain, _failoverFrom, provider.Name, _failoverReason!);
            _telemetry.Metrics.RecordFailover(Chain, _failoverFrom, _failoverReason!);
        }

        _failoverFrom = null;
        var metadata = provider.Metadata;
        _systems[provider.Name] = metadata.ProviderSystem;
        var model = request.ModelId ?? metadata.DefaultModelId;
        var endpoint = metadata.Endpoint is { IsAbsoluteUri: true } uri ? uri : null;
        var tags = new AttemptMetricTags(Chain, provider.Name, metadata.ProviderSystem, model, endpoint?.Host, endpoint?.Port);
        var span = MultiModelDiagnostics.StartDetached(model is null ? TelemetryTags.Chat : "chat " + model, ActivityKind.Client, ParentContext);
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
            span.SetTag(TelemetryTags.AttemptIndex, index);
            span.SetTag(TelemetryTags.Hedged, hedged);
        }

        Logger.AttemptStarted(Chain, index, provider.Name, model, hedged);
        var attempt = new AttemptTelemetry(index, provider.Name, span, tags);
        _open.Add(attempt);
        return attempt;
    }

    /// <summary>Records a failed attempt, ends its span with an error status.</summary>
    public void AttemptFailed(AttemptTelemetry? attempt, Exception failure, ChatErrorDecision decision, int? statusCode, string? providerErrorType, TimeSpan duration)
    {
        if (attempt is null || !Close(attempt))
        {
            return;
        }

        var errorType = TelemetryTags.ErrorTypeOf(failure, statusCode);
        if (decision.ErrorClass == ChatErrorClass.Authentication)
        {
            Logger.AuthenticationFailed(Chain, attempt.Index, attempt.ProviderName, statusCode, providerErrorType, failure);
        }
        else
        {
            Logger.AttemptFailed(Chain, attempt.Index, attempt.ProviderName, decision.ErrorClass, statusCode, providerErrorType, duration.TotalMilliseconds, failure);
        }

        _telemetry.Metrics.RecordAttempt(Chain, attempt.ProviderName, attempt.Tags.System, ChatAttemptOutcome.Failed, decision.ErrorClass, skipReason: null);
        _telemetry.Metrics.RecordOperation(attempt.Tags, duration, usage: null, responseModel: null, errorType);
        if (decision.ShouldFailOver)
        {
            _failoverFrom = attempt.ProviderName;
            _failoverReason = TelemetryTags.Class(decision.ErrorClass);
        }

        if (attempt.Activity is { } span)
        {
            if (span.IsAllDataRequested)
            {
                span.SetTag(TelemetryTags.AttemptOutcome, TelemetryTags.Outcome(ChatAttemptOutcome.Failed));
                span.SetTag(TelemetryTags.ErrorType, errorType);
                span.SetTag(TelemetryTags.ErrorClass, TelemetryTags.Class(decision.ErrorClass));
                span.SetTag(TelemetryTags.HttpStatusCode, statusCode);
                span.SetTag(TelemetryTags.ProviderErrorType, providerErrorType);
            }

            span.SetStatus(ActivityStatusCode.Error, TelemetryTags.Class(decision.ErrorClass));
            MultiModelDiagnostics.Stop(span);
        }
    }

    /// <summary>Records an attempt that produced a scored answer (accepted or below the threshold) and ends its span.</summary>
    public void AttemptAnswered(AttemptTelemetry? attempt, ConfidenceScore score, ChatUsage? usage, string? modelId, TimeSpan duration, AnswerSummary? answer)
    {
        if (attempt is null || !Close(attempt))
        {
            return;
        }

        var outcome = score.MeetsThreshold ? ChatAttemptOutcome.Succeeded : ChatAttemptOutcome.BelowThreshold;
        if (score.MeetsThreshold)
        {
            Logger.AttemptSucceeded(Chain, attempt.Index, attempt.ProviderName, duration.TotalMilliseconds, score.Value, score.Threshold);
        }
        else
        {
            if (Logger.IsEnabled(LogLevel.Warning))
            {
                Logger.AttemptBelowThreshold(Chain, attempt.Index, attempt.ProviderName, score.Value, score.Threshold, string.Join(",", Sources(score)));
            }

            _failoverFrom = attempt.ProviderName;
            _failoverReason = TelemetryTags.Outcome(ChatAttemptOutcome.BelowThreshold);
        }

        if (_telemetry.EnableSensitiveData && answer is { } content && Logger.IsEnabled(LogLevel.Trace))
        {
            Logger.AnswerContent(Chain, attempt.Index, attempt.ProviderName, content.Text);
        }

        _telemetry.Metrics.RecordAttempt(Chain, attempt.ProviderName, attempt.Tags.System, outcome, ChatErrorClass.None, skipReason: null);
        _telemetry.Metrics.RecordOperation(attempt.Tags, duration, usage, modelId, errorType: null);
        if (attempt.Activity is { } span)
        {
            if (span.IsAllDataRequested)
            {
                span.SetTag(TelemetryTags.AttemptOutcome, TelemetryTags.Outcome(outcome));
                SetAnswerTags(span, modelId, usage, answer);
                SetConfidenceTags(span, score);
                if (_telemetry.EnableSensitiveData && answer is { } summary)
                {
                    GenAiContent.AddChoiceEvent(span, FinishReason(summary) ?? "other", summary.Text);
                }
            }

            MultiModelDiagnostics.Stop(span);
        }
    }

    /// <summary>Records an attempt cut short (hedging loser, caller gone, stream abandoned) and ends its span.</summary>
    public void AttemptCancelled(AttemptTelemetry? attempt, TimeSpan duration)
    {
        if (attempt is null || !Close(attempt))
        {
            return;
        }

        Logger.AttemptCancelled(Chain, attempt.Index, attempt.ProviderName, duration.TotalMilliseconds);
        _telemetry.Metrics.RecordAttempt(Chain, attempt.ProviderName, attempt.Tags.System, ChatAttemptOutcome.Cancelled, ChatErrorClass.None, skipReason: null);
        if (attempt.Activity is { } span)
        {
            span.SetTag(TelemetryTags.AttemptOutcome, TelemetryTags.Outcome(ChatAttemptOutcome.Cancelled));
            MultiModelDiagnostics.Stop(span);
        }
    }

    private ActivityContext ParentContext => _activity?.Context ?? Activity.Current?.Context ?? default;

    private bool Close(AttemptTelemetry attempt)
    {
        if (attempt.Ended)
        {
            return false;
        }

        attempt.Ended = true;
        _open.Remove(attempt);
        return true;
    }

    private static IEnumerable<string> Sources(ConfidenceScore score) => score.Opinions.Select(o => o.Source).Distinct(StringComparer.Ordinal);

    private static string? FinishReason(AnswerSummary answer) =>
        answer.FinishReason is { } reason ? TelemetryTags.FinishReason(reason, answer.RawFinishReason) : null;

    private static void SetRequestTags(Activity span, ChatRequest request)
    {
        if (request.MaxOutputTokens is { } max)
        {
            span.SetTag(TelemetryTags.RequestMaxTokens, max);
        }

        if (request.Temperature is { } temperature)
        {
            span.SetTag(TelemetryTags.RequestTemperature, temperature);
        }

        if (request.TopP is { } topP)
        {
            span.SetTag(TelemetryTags.RequestTopP, topP);
        }
    }

    private static void SetAnswerTags(Activity span, string? modelId, ChatUsage? usage, AnswerSummary? answer)
    {
        span.SetTag(TelemetryTags.ResponseModel, modelId);
        if (answer is { } summary)
        {
            span.SetTag(TelemetryTags.ResponseId, summary.ResponseId);
            if (FinishReason(summary) is { } finish)
            {
                span.SetTag(TelemetryTags.FinishReasons, new[] { finish });
            }
        }

        if (usage is not null)
        {
            span.SetTag(TelemetryTags.InputTokens, usage.InputTokens);
            span.SetTag(TelemetryTags.OutputTokens, usage.OutputTokens);
        }
    }

    private static void SetConfidenceTags(Activity span, ConfidenceScore score)
    {
        span.SetTag(TelemetryTags.Confidence, score.Value);
        span.SetTag(TelemetryTags.ConfidenceThreshold, score.Threshold);
        span.SetTag(TelemetryTags.ConfidenceSources, Sources(score).ToArray());
        span.SetTag(TelemetryTags.BelowThreshold, !score.MeetsThreshold);
    }
}
