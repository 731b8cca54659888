namespace MultiModel;

/// <summary>Identifies how much a model should reason before it answers (see <see cref="ChatReasoningOptions.Effort"/>).</summary>
public enum ChatReasoningEffort
{
    /// <summary>Reason briefly: Claude thinks with a 1,024-token budget; OpenAI-style providers are sent <c>reasoning_effort: "low"</c>.</summary>
    Low,

    /// <summary>Reason moderately: Claude thinks with a 4,096-token budget; OpenAI-style providers are sent <c>"medium"</c>.</summary>
    Medium,

    /// <summary>Reason thoroughly: Claude thinks with a 16,384-token budget; OpenAI-style providers are sent <c>"high"</c>.</summary>
    High,
}
