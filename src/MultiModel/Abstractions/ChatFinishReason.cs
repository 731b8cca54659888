namespace MultiModel;

/// <summary>Normalizes why a model stopped producing output.</summary>
/// <remarks>The provider's own value is kept in <see cref="ChatResponse.RawFinishReason"/>.</remarks>
public enum ChatFinishReason
{
    /// <summary>The provider did not say, or said something not listed here.</summary>
    Other,

    /// <summary>The model finished naturally or hit a stop sequence (Claude <c>end_turn</c>, <c>stop_sequence</c>; OpenAI <c>stop</c>).</summary>
    Stop,

    /// <summary>The output was cut by a token limit (Claude <c>max_tokens</c>, <c>model_context_window_exceeded</c>; OpenAI <c>length</c>).</summary>
    Length,

    /// <summary>The provider refused or filtered the answer (Claude <c>refusal</c>; OpenAI <c>content_filter</c>).</summary>
    ContentFilter,

    /// <summary>The model asked for tool calls (Claude <c>tool_use</c>; OpenAI <c>tool_calls</c>).</summary>
    ToolCalls,
}
