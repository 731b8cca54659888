using Microsoft.Extensions.Logging;

namespace MultiModel.Diagnostics;

/// <summary>The source-generated log messages of MultiModel; event ids are a public contract (listed in the README).</summary>
/// <remarks>
/// Structured values only, never string interpolation. Prompt and answer text are logged only by
/// <see cref="RequestContent"/> and <see cref="AnswerContent"/>, at Trace, and only when sensitive data is enabled.
/// API keys are never logged.
/// </remarks>
internal static partial class Log
{
    /// <summary>The category of the failover chains' messages.</summary>
    public const string FailoverCategory = "MultiModel.Failover";

    /// <summary>The category of the providers' health messages (circuit breaker, cooldowns).</summary>
    public const string HealthCategory = "MultiModel.Health";

    [LoggerMessage(EventId = 100, EventName = "AttemptStarted", Level = LogLevel.Debug,
        Message = "Chain {ChainName} attempt {AttemptIndex}: calling provider {ProviderName} (model {Model}, hedged {Hedged}).")]
    public static partial void AttemptStarted(this ILogger logger, string chainName, int attemptIndex, string providerName, string? model, bool hedged);

    [LoggerMessage(EventId = 101, EventName = "AttemptSucceeded", Level = LogLevel.Information,
        Message = "Chain {ChainName} attempt {AttemptIndex}: provider {ProviderName} answered in {DurationMs} ms with confidence {Confidence} (threshold {Threshold}).")]
    public static partial void AttemptSucceeded(this ILogger logger, string chainName, int attemptIndex, string providerName, double durationMs, double confidence, double threshold);

    [LoggerMessage(EventId = 102, EventName = "AttemptBelowThreshold", Level = LogLevel.Warning,
        Message = "Chain {ChainName} attempt {AttemptIndex}: the answer of provider {ProviderName} has confidence {Confidence}, below the threshold {Threshold} (scorers: {ScorerSources}).")]
    public static partial void AttemptBelowThreshold(this ILogger logger, string chainName, int attemptIndex, string providerName, double confidence, double threshold, string scorerSources);

    [LoggerMessage(EventId = 103, EventName = "AttemptFailed", Level = LogLevel.Warning,
        Message = "Chain {ChainName} attempt {AttemptIndex}: provider {ProviderName} failed with {ErrorClass} (status {StatusCode}, error type {ErrorType}) after {DurationMs} ms.")]
    public static partial void AttemptFailed(this ILogger logger, string chainName, int attemptIndex, string providerName, ChatErrorClass errorClass, int? statusCode, string? errorType, double durationMs, Exception exception);

    [LoggerMessage(EventId = 104, EventName = "AuthenticationFailed", Level = LogLevel.Error,
        Message = "Chain {ChainName} attempt {AttemptIndex}: provider {ProviderName} refused the credentials (status {StatusCode}, error type {ErrorType}); check the API key configured for this provider.")]
    public static partial void AuthenticationFailed(this ILogger logger, string chainName, int attemptIndex, string providerName, int? statusCode, string? errorType, Exception exception);

    [LoggerMessage(EventId = 105, EventName = "AttemptCancelled", Level = LogLevel.Debug,
        Message = "Chain {ChainName} attempt {AttemptIndex}: the call to provider {ProviderName} was cancelled after {DurationMs} ms.")]
    public static partial void AttemptCancelled(this ILogger logger, string chainName, int attemptIndex, string providerName, double durationMs);

    [LoggerMessage(EventId = 106, EventName = "ProviderSkipped", Level = LogLevel.Information,
        Message = "Chain {ChainName} skipped provider {ProviderName}: {SkipReason}.")]
    public static partial void ProviderSkipped(this ILogger logger, string chainName, string providerName, string skipReason);

    [LoggerMessage(EventId = 107, EventName = "FailingOver", Level = LogLevel.Information,
        Message = "Chain {ChainName} fails over from provider {FromProvider} to provider {ToProvider} ({FailoverReason}).")]
    public static partial void FailingOver(this ILogger logger, string chainName, string fromProvider, string toProvider, string failoverReason);

    [LoggerMessage(EventId = 108, EventName = "CallCompleted", Level = LogLevel.Debug,
        Message = "Chain {ChainName} answered with provider {ProviderName} after {AttemptCount} attempts in {DurationMs} ms (below threshold: {BelowThreshold}).")]
    public static partial void CallCompleted(this ILogger logger, string chainName, string providerName, int attemptCount, double durationMs, bool belowThreshold);

    [LoggerMessage(EventId = 109, EventName = "CallFailed", Level = LogLevel.Warning,
        Message = "Chain {ChainName} gave up ({FailoverReason}, last error {ErrorClass}) after {AttemptCount} attempts in {DurationMs} ms.")]
    public static partial void CallFailed(this ILogger logger, string chainName, string failoverReason, ChatErrorClass errorClass, int attemptCount, double durationMs);

    [LoggerMessage(EventId = 110, EventName = "RequestContent", Level = LogLevel.Trace,
        Message = "Chain {ChainName} request (sensitive): {Messages}")]
    public static partial void RequestContent(this ILogger logger, string chainName, string messages);

    [LoggerMessage(EventId = 111, EventName = "AnswerContent", Level = LogLevel.Trace,
        Message = "Chain {ChainName} attempt {AttemptIndex}: provider {ProviderName} answered (sensitive): {AnswerText}")]
    public static partial void AnswerContent(this ILogger logger, string chainName, int attemptIndex, string providerName, string answerText);

    [LoggerMessage(EventId = 112, EventName = "StreamResumed", Level = LogLevel.Information,
        Message = "Chain {ChainName} continues the broken stream of provider {FromProvider} with provider {ToProvider} at character {Offset} ({OverlapLength} repeated characters removed).")]
    public static partial void StreamResumed(this ILogger logger, string chainName, string fromProvider, string toProvider, int offset, int overlapLength);

    [LoggerMessage(EventId = 200, EventName = "CircuitOpened", Level = LogLevel.Warning,
        Message = "The circuit of provider {ProviderName} opened; calls are refused until {OpenUntil}.")]
    public static partial void CircuitOpened(this ILogger logger, string providerName, DateTimeOffset? openUntil);

    [LoggerMessage(EventId = 201, EventName = "CircuitHalfOpened", Level = LogLevel.Information,
        Message = "The circuit of provider {ProviderName} is half-open; the next call probes the provider.")]
    public static partial void CircuitHalfOpened(this ILogger logger, string providerName);

    [LoggerMessage(EventId = 202, EventName = "CircuitClosed", Level = LogLevel.Information,
        Message = "The circuit of provider {ProviderName} closed; the provider is healthy again.")]
    public static partial void CircuitClosed(this ILogger logger, string providerName);

    [LoggerMessage(EventId = 203, EventName = "CooldownStarted", Level = LogLevel.Warning,
        Message = "Provider {ProviderName} cools down until {CooldownUntil}, as the server asked; failover chains skip it until then.")]
    public static partial void CooldownStarted(this ILogger logger, string providerName, DateTimeOffset cooldownUntil);
}
