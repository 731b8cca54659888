namespace MultiModel;

/// <summary>Represents token accounting for one answer, normalized across providers.</summary>
/// <remarks>
/// <para>
/// <see cref="InputTokens"/> is the whole prompt, cached parts included (Claude:
/// <c>input_tokens + cache_creation_input_tokens + cache_read_input_tokens</c>; OpenAI-style: <c>prompt_tokens</c>).
/// <see cref="OutputTokens"/> is everything generated, reasoning included (Claude: <c>output_tokens</c>;
/// xAI: <c>completion_tokens + reasoning_tokens</c>). The other counts are parts of those two.
/// </para>
/// </remarks>
public sealed class ChatUsage
{
    /// <summary>The all-zero usage shared as the default of answers that carry none (the type is immutable).</summary>
    internal static readonly ChatUsage None = new();

    /// <summary>Gets the number of prompt tokens, cached ones included.</summary>
    public long InputTokens { get; init; }

    /// <summary>Gets the number of generated tokens, reasoning included.</summary>
    public long OutputTokens { get; init; }

    /// <summary>Gets the part of <see cref="OutputTokens"/> spent on reasoning (thinking), when the provider reports it.</summary>
    public long ReasoningTokens { get; init; }

    /// <summary>Gets the part of <see cref="InputTokens"/> served from the provider's prompt cache.</summary>
    public long CacheReadTokens { get; init; }

    /// <summary>Gets the part of <see cref="InputTokens"/> written to the provider's prompt cache.</summary>
    public long CacheWriteTokens { get; init; }

    /// <summary>Gets the sum of <see cref="InputTokens"/> and <see cref="OutputTokens"/>.</summary>
    public long TotalTokens => InputTokens + OutputTokens;

    /// <inheritdoc/>
    public override string ToString() =>
        $"in={InputTokens} out={OutputTokens} reasoning={ReasoningTokens} cacheRead={CacheReadTokens} cacheWrite={CacheWriteTokens}";
}
