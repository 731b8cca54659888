namespace MultiModel.Providers.Claude;

/// <summary>Merges Claude usage objects (later values overwrite earlier ones) and normalizes the result.</summary>
/// <remarks>
/// <c>message_delta</c> usage is cumulative: each field present replaces the value from <c>message_start</c>.
/// The normalized <see cref="ChatUsage.InputTokens"/> is <c>input_tokens + cache_creation_input_tokens + cache_read_input_tokens</c>.
/// </remarks>
internal struct ClaudeUsageAccumulator
{
    private long? _input;
    private long? _cacheWrite;
    private long? _cacheRead;
    private long? _output;
    private long? _thinking;

    public void Merge(ClaudeWireUsage? usage)
    {
        if (usage is null)
        {
            return;
        }

        _input = usage.InputTokens ?? _input;
        _cacheWrite = usage.CacheCreationInputTokens ?? _cacheWrite;
        _cacheRead = usage.CacheReadInputTokens ?? _cacheRead;
        _output = usage.OutputTokens ?? _output;
        _thinking = usage.OutputTokensDetails?.ThinkingTokens ?? _thinking;
    }

    public readonly ChatUsage ToChatUsage()
    {
        var cacheWrite = _cacheWrite ?? 0;
        var cacheRead = _cacheRead ?? 0;
        return new ChatUsage
        {
            InputTokens = (_input ?? 0) + cacheWrite + cacheRead,
            OutputTokens = _output ?? 0,
            ReasoningTokens = _thinking ?? 0,
            CacheReadTokens = cacheRead,
            CacheWriteTokens = cacheWrite,
        };
    }
}
