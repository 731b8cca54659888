namespace MultiModel.Providers.Claude;

/// <summary>Maps Claude's <c>stop_reason</c> onto <see cref="ChatFinishReason"/>.</summary>
internal static class ClaudeFinishReasons
{
    public static ChatFinishReason Map(string? stopReason) => stopReason switch
    {
        "end_turn" or "stop_sequence" => ChatFinishReason.Stop,
        "max_tokens" or "model_context_window_exceeded" => ChatFinishReason.Length,
        "refusal" => ChatFinishReason.ContentFilter,
        "tool_use" => ChatFinishReason.ToolCalls,
        _ => ChatFinishReason.Other,
    };
}
