namespace MultiModel.Diagnostics;

/// <summary>Names of span tags, metric attributes and their values (GenAI conventions first, <c>multimodel.</c> for ours).</summary>
internal static class TelemetryTags
{
    public const string OperationName = "gen_ai.operation.name";
    public const string ProviderSystem = "gen_ai.provider.name";
    public const string RequestModel = "gen_ai.request.model";
    public const string RequestMaxTokens = "gen_ai.request.max_tokens";
    public const string RequestTemperature = "gen_ai.request.temperature";
    public const string RequestTopP = "gen_ai.request.top_p";
    public const string ResponseModel = "gen_ai.response.model";
    public const string ResponseId = "gen_ai.response.id";
    public const string FinishReasons = "gen_ai.response.finish_reasons";
    public const string InputTokens = "gen_ai.usage.input_tokens";
    public const string OutputTokens = "gen_ai.usage.output_tokens";
    public const string CacheReadInputTokens = "gen_ai.usage.cache_read.input_tokens";
    public const string CacheCreationInputTokens = "gen_ai.usage.cache_creation.input_tokens";
    public const string ReasoningOutputTokens = "gen_ai.usage.reasoning.output_tokens";
    public const string TokenType = "gen_ai.token.type";
    public const string ErrorType = "error.type";
    public const string ServerAddress = "server.address";
    public const string ServerPort = "server.port";
    public const string HttpStatusCode = "http.response.status_code";

    public const string ChainName = "multimodel.chain.name";
    public const string ProviderName = "multimodel.provider.name";
    public const string Streaming = "multimodel.streaming";
    public const string AttemptIndex = "multimodel.attempt.index";
    public const string AttemptOutcome = "multimodel.attempt.outcome";
    public const string Hedged = "multimodel.attempt.hedged";
    public const string SkipReason = "multimodel.attempt.skip_reason";
    public const string RateBudgetExhaustedEvent = "multimodel.rate_budget.exhausted";
    public const string RateBudgetLimit = "multimodel.rate_budget.limit";
    public const string SharedStateSkipEvent = "multimodel.shared_state.skip";
    public const string SharedStateScope = "multimodel.shared_state.scope";
    public const string ErrorClass = "multimodel.error.class";
    public const string ProviderErrorType = "multimodel.error.provider_type";
    public const string Confidence = "multimodel.confidence";
    public const string ConfidenceThreshold = "multimodel.confidence.threshold";
    public const string ConfidenceSources = "multimodel.confidence.sources";
    public const string BelowThreshold = "multimodel.below_threshold";
    public const string CallOutcome = "multimodel.outcome";
    public const string FailoverReason = "multimodel.failover.reason";
    public const string FinalProvider = "multimodel.final_provider";
    public const string AttemptCount = "multimodel.attempt_count";
    public const string CircuitState = "multimodel.circuit.state";
    public const string CacheOperation = "multimodel.cache.operation";
    public const string ResumptionCount = "multimodel.resumption_count";
    public const string ResumedEvent = "multimodel.stream.resumed";
    public const string ResumedFrom = "multimodel.resumption.from_provider";
    public const string ResumptionOffset = "multimodel.resumption.offset";
    public const string ResumptionOverlap = "multimodel.resumption.overlap";

    public const string Chat = "chat";
    public const string Input = "input";
    public const string Output = "output";

    public static string Outcome(ChatAttemptOutcome outcome) => outcome switch
    {
        ChatAttemptOutcome.Succeeded => "succeeded",
        ChatAttemptOutcome.BelowThreshold => "below_threshold",
        ChatAttemptOutcome.Failed => "failed",
        ChatAttemptOutcome.Skipped => "skipped",
        ChatAttemptOutcome.Cancelled => "cancelled",
        _ => "other",
    };

    public static string Class(ChatErrorClass errorClass) => errorClass switch
    {
        ChatErrorClass.None => "none",
        ChatErrorClass.Transport => "transport",
        ChatErrorClass.Timeout => "timeout",
        ChatErrorClass.RateLimited => "rate_limited",
        ChatErrorClass.Overloaded => "overloaded",
        ChatErrorClass.ServerError => "server_error",
        ChatErrorClass.StreamError => "stream_error",
        ChatErrorClass.MalformedResponse => "malformed_response",
        ChatErrorClass.Authentication => "authentication",
        ChatErrorClass.ContextLengthExceeded => "context_length_exceeded",
        ChatErrorClass.InvalidRequest => "invalid_request",
        _ => "other",
    };

    public static string Reason(ChatFailoverReason reason) => reason switch
    {
        ChatFailoverReason.AllFailed => "all_failed",
        ChatFailoverReason.NoneMetThreshold => "none_met_threshold",
        ChatFailoverReason.AllSkipped => "all_skipped",
        ChatFailoverReason.FailedFast => "failed_fast",
        ChatFailoverReason.FailedAfterContent => "failed_after_content",
        ChatFailoverReason.BelowThresholdAfterContent => "below_threshold_after_content",
        _ => "other",
    };

    public static string FinishReason(ChatFinishReason reason, string? raw) => reason switch
    {
        ChatFinishReason.Stop => "stop",
        ChatFinishReason.Length => "length",
        ChatFinishReason.ContentFilter => "content_filter",
        ChatFinishReason.ToolCalls => "tool_calls",
        _ => string.IsNullOrEmpty(raw) ? "other" : raw,
    };

    /// <summary>Gives the low-cardinality <c>error.type</c> of a failure: the HTTP status when there was one, else the exception type.</summary>
    public static string ErrorTypeOf(Exception failure, int? statusCode) =>
        statusCode is { } status ? status.ToString(System.Globalization.CultureInfo.InvariantCulture) : failure.GetType().FullName ?? "_OTHER";
}
