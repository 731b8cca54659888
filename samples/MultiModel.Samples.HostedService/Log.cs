using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace MultiModel.Samples.HostedService;

/// <summary>The monitor's log messages (source-generated; event ids are stable).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "Batch {BatchNumber}: {Status} from {ProviderName} ({ModelId}) in {ElapsedMs} ms, confidence {Confidence:0.00}, {AttemptCount} attempt(s)")]
    public static partial void BatchAnalysed(this ILogger logger, int batchNumber, string status, string providerName, string? modelId, long elapsedMs, double confidence, int attemptCount);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning,
        Message = "Batch {BatchNumber}: attempt {AttemptIndex} on {ProviderName} ended {Outcome} ({ErrorClass}, status {StatusCode}) after {DurationMs} ms")]
    public static partial void AttemptFailed(this ILogger logger, int batchNumber, int attemptIndex, string providerName, ChatAttemptOutcome outcome, ChatErrorClass errorClass, int? statusCode, long durationMs);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error,
        Message = "Batch {BatchNumber}: MANUAL INTERVENTION REQUIRED, no provider gave an acceptable analysis ({Reason}, {AttemptCount} attempts)")]
    public static partial void ManualInterventionRequired(this ILogger logger, int batchNumber, ChatFailoverReason reason, int attemptCount);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Batch {BatchNumber}: analysis cancelled by shutdown")]
    public static partial void BatchCancelled(this ILogger logger, int batchNumber);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "All {BatchCount} batches analysed; stopping")]
    public static partial void AllBatchesDone(this ILogger logger, int batchCount);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information, Message = "Health check {CheckName}: {Status} ({Description})")]
    public static partial void HealthReport(this ILogger logger, string checkName, HealthStatus status, string? description);

    [LoggerMessage(EventId = 7, Level = LogLevel.Information, Message = "Health of {ProviderName}: {ProviderHealth}")]
    public static partial void ProviderHealth(this ILogger logger, string providerName, string providerHealth);

    [LoggerMessage(EventId = 8, Level = LogLevel.Warning, Message = "Using the built-in provider emulator at {BaseAddress} (no API keys configured, or --offline)")]
    public static partial void UsingEmulator(this ILogger logger, Uri baseAddress);

    [LoggerMessage(EventId = 9, Level = LogLevel.Warning, Message = "No API key for {ProviderName} (set {Variable} or MultiModel:Providers:{ProviderName}:ApiKey): the chain runs without it")]
    public static partial void ProviderWithoutKey(this ILogger logger, string providerName, string variable);
}
