using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MultiModel.Diagnostics;

/// <summary>The telemetry of one call through a failover chain: the parent span, one child span per attempt, logs and metrics.</summary>
/// <remarks>
/// Used by the call's orchestrating flow only. It observes attempts through <see cref="IObservedAttempt"/>: told when
/// one starts and when it ends (once). A call that starts while nothing listens gets the shared disabled instance
/// (see <see cref="Start"/>): no object, span, tag or string per call or attempt.
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

    private string Chain => _telemetry.ChainName;

    private double ElapsedMs => _timeProvider.GetElapsedTime(_started).TotalMilliseconds;

    private ActivityContext ParentContext => _activity?.Context ?? Activity.Current?.Context ?? default;

    /// <summary>Starts the telemetry of a call: a shared instance that records nothing when no activity listener, enabled instrument or enabled logger is there.</summary>
    /// <remarks>Whether anything listens is decided once, when the call starts: a listener attached during a call sees the calls that start after it.</remarks>
    public static CallTelemetry Start(FailoverTelemetry telemetry, TimeProvider timeProvider, ChatRequest request, bool streaming) =>
        MultiModelDiagnostics.Source.HasListeners() || telemetry.Metrics.ObservesCalls || IsLogging(telemetry.Logger)
            ? new CallTelemetry(telemetry, timeProvider, request, streaming)
            : Disabled;

    private static bool IsLogging(ILogger logger)
    {
        if (ReferenceEquals(logger, NullLogger.Instance))
        {
            return false;
        }

        // From the most severe level down: a host's logger usually has Error on, so one check decides.
        for (var level = LogLevel.Error; level >= LogLevel.Trace; level--)
        {
            if (logger.IsEnabled(level))
            {
                return true;
            }
        }

        return false;
    }
}
