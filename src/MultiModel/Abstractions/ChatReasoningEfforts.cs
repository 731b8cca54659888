namespace MultiModel;

/// <summary>Identifies the reasoning efforts a model takes; a provider option, combined with <c>|</c> (configuration: <c>"Low, High"</c>).</summary>
[Flags]
public enum ChatReasoningEfforts
{
    /// <summary>The model takes no reasoning option: a request with <see cref="ChatRequest.Reasoning"/> cannot be sent to it.</summary>
    None = 0,

    /// <summary>The model takes <see cref="ChatReasoningEffort.Low"/>.</summary>
    Low = 1,

    /// <summary>The model takes <see cref="ChatReasoningEffort.Medium"/>.</summary>
    Medium = 2,

    /// <summary>The model takes <see cref="ChatReasoningEffort.High"/>.</summary>
    High = 4,

    /// <summary>The model takes every effort (and any token budget).</summary>
    All = Low | Medium | High,
}
