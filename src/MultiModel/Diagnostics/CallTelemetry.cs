using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MultiModel.Failover;

namespace MultiModel.Diagnostics;

/// <summary>The telemetry of one call through a failover chain: the parent span, one child span per attempt, logs and metrics.</summary>
/// <remarks>
/// Used by the call's orchestrating flow only, like <see cref="FailoverCall"/>. A call that starts while nothing listens
/// gets the shared disabled instance (see <see cref="Start"/>): no object, span, tag, list or string per call or attempt.
/// </remarks>
internal sealed partial class CallTelemetry
{
    /// <summary>The telemetry of every call that starts while nothing listens: it records nothing and holds no state.</summary>
    private static readonly CallTelemetry Disabled = new(new FailoverTelemetry(string.Empty, null, null, enableSensitiveData: false), TimeProvider.System);

    private readonly FailoverTelemetry _telemetry;
    private readonly TimeProvider _timeProvider;
    private readonly bool _enabled;
    private readonly long _started;
    private readonly Activity? _activity;

    /// <summary>The started attempts, in start order (created with the first one); an attempt is open until <see cref="AttemptTelemetry.Ended"/>.</summary>
    private List<AttemptTelemetry>? _attempts;
    private string? _failoverFrom;
    private string? _failoverReason;
    private int _attemptCount;
    private bool _ended;

    private CallTelemetry(FailoverTelemetry telemetry, TimeProvider timeProvider)
    {
        _telemetry = telemetry;
        _timeProvider = timeProvider;
    }

    private CallTelemetry(FailoverTelemetry telemetry, TimeProvider timeProvider, ChatRequest request, bool streaming)
    {
        _enabled = true;
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

    /// <summary>Starts the telemetry of a call: a shared instance that records nothing when no activity listener, enabled instrument or enabled logger is there.</summary>
    /// <remarks>Whether anything listens is decided once, when the call starts: a listener attached during a call sees the calls that start after it.</remarks>
    public static CallTelemetry Start(FailoverTelemetry telemetry, TimeProvider timeProvider, ChatRequest request, bool streaming) =>
        MultiModelDiagnostics.Source.HasListeners() || telemetry.Metrics.ObservesCalls || IsLogging(telemetry.Logger)
            ? new CallTelemetry(telemetry, timeProvider, request, streaming)
            : Disabled;

    private string Chain => _telemetry.ChainName;

    private double ElapsedMs => _timeProvider.GetElapsedTime(_started).TotalMilliseconds;

    /// <summary>Records a provider left untried (health or the attempt limit).</summary>
    public void Skipped(int index, IChatProvider provider, string reason)
    {
        if (!_enabled)
        {
            return;
        }

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
    /// <returns>The attempt's telemetry, or <see langword="null"/> when the call records nothing.</returns>
    public AttemptTelemetry? AttemptStarted(int index, IChatProvider provider, ChatRequest request, bool hedged)
    {
        if (!_enabled)
        {
            return null;
        }

        _attemptCount++;
        if (!hedged && _failoverFrom is not null)
        {
            Logger.FailingOver(Chain, _failoverFrom, provider.Name, _failoverReason!);
            _telemetry.Metrics.RecordFailover(Chain, _failoverFrom, _failoverReason!);
        }

        _failoverFrom = null;
        var metadata = provider.Metadata;
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
        (_attempts ??= []).Add(attempt);
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

    private static bool Close(AttemptTelemetry attempt)
    {
        if (attempt.Ended)
        {
            return false;
        }

        attempt.Ended = true;
        return true;
    }

    private static bool IsLogging(ILogger logger)
    {
        if (ReferenceEquals(logger, NullLogger.Instance))
        {
            return false;
        }

        for (var level = LogLevel.Trace; level <= LogLevel.Error; level++)
        {
            if (logger.IsEnabled(level))
            {
                return true;
            }
        }

        return false;
    }
}
