namespace MultiModel.Providers.ChatCompletions;

/// <summary>How a server counts reasoning tokens in <c>usage.completion_tokens</c>.</summary>
/// <remarks>
/// <para>
/// xAI leaves reasoning out (<c>total_tokens = prompt_tokens + completion_tokens + reasoning_tokens</c>); OpenAI
/// counts it in (<c>total_tokens = prompt_tokens + completion_tokens</c>). The usage mapper picks the rule that
/// <c>total_tokens</c> confirms and falls back to the provider's configured rule when the total settles nothing.
/// </para>
/// </remarks>
internal enum ReasoningTokenAccounting
{
    /// <summary><c>completion_tokens</c> excludes reasoning (xAI).</summary>
    ExcludedFromCompletion,

    /// <summary><c>completion_tokens</c> includes reasoning (OpenAI).</summary>
    IncludedInCompletion,
}
