namespace MultiModel.Failover;

/// <summary>Builds the answers a failover chain hands back: the provider's answer plus confidence, threshold flag and attempts.</summary>
internal static class FailoverResults
{
    public static ChatResponse Complete(ChatResponse response, ConfidenceScore score, IReadOnlyList<ChatAttempt> attempts) => new()
    {
        Text = response.Text,
        ReasoningText = response.ReasoningText,
        ToolCalls = response.ToolCalls,
        ProviderName = response.ProviderName,
        ModelId = response.ModelId,
        ResponseId = response.ResponseId,
        FinishReason = response.FinishReason,
        RawFinishReason = response.RawFinishReason,
        Usage = response.Usage,
        Logprobs = response.Logprobs,
        Confidence = score,
        IsBelowThreshold = !score.MeetsThreshold,
        Attempts = attempts,
    };

    public static ChatResponseUpdate CompleteFinal(ChatResponseUpdate final, ConfidenceScore score, IReadOnlyList<ChatAttempt> attempts) => new()
    {
        Text = final.Text,
        ReasoningText = final.ReasoningText,
        ToolCalls = final.ToolCalls,
        ProviderName = final.ProviderName,
        ModelId = final.ModelId,
        ResponseId = final.ResponseId,
        Logprobs = final.Logprobs,
        IsFinal = true,
        FinishReason = final.FinishReason,
        RawFinishReason = final.RawFinishReason,
        Usage = final.Usage,
        Confidence = score,
        IsBelowThreshold = !score.MeetsThreshold,
        Attempts = attempts,
    };
}
