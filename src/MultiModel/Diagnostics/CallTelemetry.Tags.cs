using System.Diagnostics;

namespace MultiModel.Diagnostics;

/// <summary>The span attributes of a call and its attempts: request settings, answer, confidence.</summary>
internal sealed partial class CallTelemetry
{
    private static IEnumerable<string> Sources(ConfidenceScore score) => score.Opinions.Select(o => o.Source).Distinct(StringComparer.Ordinal);

    private static string? FinishReason(IObservedAttempt answer) =>
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

    private static void SetAnswerTags(Activity span, string? modelId, ChatUsage? usage, IObservedAttempt answer)
    {
        span.SetTag(TelemetryTags.ResponseModel, modelId);
        span.SetTag(TelemetryTags.ResponseId, answer.ResponseId);
        if (FinishReason(answer) is { } finish)
        {
            span.SetTag(TelemetryTags.FinishReasons, new[] { finish });
        }

        if (usage is not null)
        {
            span.SetTag(TelemetryTags.InputTokens, usage.InputTokens);
            span.SetTag(TelemetryTags.OutputTokens, usage.OutputTokens);
            SetWhenReported(span, TelemetryTags.CacheReadInputTokens, usage.CacheReadTokens);
            SetWhenReported(span, TelemetryTags.CacheCreationInputTokens, usage.CacheWriteTokens);
            SetWhenReported(span, TelemetryTags.ReasoningOutputTokens, usage.ReasoningTokens);
        }
    }

    /// <summary>Sets a part of the token usage the provider reported; a zero is left out (providers that do not report it give zero).</summary>
    private static void SetWhenReported(Activity span, string tag, long tokens)
    {
        if (tokens > 0)
        {
            span.SetTag(tag, tokens);
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
