namespace MultiModel.Providers.Capabilities;

/// <summary>The known model families of Anthropic and xAI, with what each can take; a model no family knows is permissive.</summary>
/// <remarks>
/// <para>
/// A model belongs to a family when its id is one of the family's ids, or one of them followed by <c>-</c> and a
/// date (four or more digits) or <c>latest</c>: <c>claude-sonnet-4-5-20250929</c> is <c>claude-sonnet-4-5</c>, while
/// <c>claude-sonnet-4-7</c> is unknown (not <c>claude-sonnet-4</c>), so a newer model is never judged by an older one's limits.
/// </para>
/// <para>
/// Where sources disagree, the larger window is kept: a wrong refusal loses an answer, while a prompt sent to a window
/// too small fails with a context-length error, which the failover chain already treats as "try the next provider".
/// Sources (read Aug 2026): Anthropic "Models overview" (windows, largest answer), "Extended thinking" (which models
/// think), "Structured outputs" (which take <c>output_config.format</c>), "Vision" and "PDF support"; xAI "Models and
/// pricing" (windows, image input), "Reasoning" (<c>reasoning_effort</c>), "Structured outputs".
/// </para>
/// </remarks>
internal static class ModelFamilies
{
    private static readonly Family[] ClaudeFamilies =
    [
        // 1M-token window per the current overview; earlier pages list 200k plus a 1M beta. The larger is kept.
        new(["claude-opus-4-6"], Claude(1_000_000, 128_000)),
        new(["claude-sonnet-4-6"], Claude(1_000_000, 64_000)),

        // 200k (Sonnet 4 / 4.5: 1M only with the context-1m beta header, which this library does not send).
        new(["claude-opus-4-5"], Claude(200_000, 64_000)),
        new(["claude-sonnet-4-5"], Claude(200_000, 64_000)),
        new(["claude-haiku-4-5"], Claude(200_000, 64_000)),
        new(["claude-opus-4-1"], Claude(200_000, 32_000)),

        // Claude 4.0 and 3.7 think but have no structured outputs (those arrived with Opus 4.1 and the 4.5 models).
        new(["claude-opus-4", "claude-opus-4-0"], Claude(200_000, 32_000) with { JsonSchema = false }),
        new(["claude-sonnet-4", "claude-sonnet-4-0"], Claude(200_000, 64_000) with { JsonSchema = false }),
        new(["claude-3-7-sonnet"], Claude(200_000, 64_000) with { JsonSchema = false }),

        // Claude 3.5 does not think; 3.5 Haiku launched text-only (no image input).
        new(["claude-3-5-sonnet"], Claude(200_000, 8_192) with { JsonSchema = false, ReasoningEfforts = ChatReasoningEfforts.None }),
        new(["claude-3-5-haiku"], Claude(200_000, 8_192) with { JsonSchema = false, ReasoningEfforts = ChatReasoningEfforts.None, Images = false }),
    ];

    private static readonly Family[] GrokFamilies =
    [
        // grok-4 and grok-4-fast reason on their own and reject reasoning_effort; reasoning models reject stop sequences.
        new(["grok-4", "grok-4-latest"], Reasoning(Grok(256_000, images: true))),
        new(["grok-4-fast", "grok-4-fast-reasoning", "grok-4-1-fast", "grok-4-1-fast-reasoning"], Reasoning(Grok(2_000_000, images: true))),
        new(["grok-4-fast-non-reasoning", "grok-4-1-fast-non-reasoning"], Grok(2_000_000, images: true)),

        // The recorded context-length error of grok-2-1212 reads "maximum prompt length is 131072".
        new(["grok-3", "grok-3-latest", "grok-3-fast", "grok-3-fast-latest"], Grok(131_072, images: false)),
        new(
            ["grok-3-mini", "grok-3-mini-latest", "grok-3-mini-fast", "grok-3-mini-fast-latest"],
            Reasoning(Grok(131_072, images: false)) with { ReasoningEfforts = ChatReasoningEfforts.Low | ChatReasoningEfforts.High }),
        new(["grok-2", "grok-2-latest"], Grok(131_072, images: false)),

        // 8,192 in the Dec 2024 table, 32,768 later; the larger is kept.
        new(["grok-2-vision", "grok-2-vision-latest"], Grok(32_768, images: true)),
    ];

    /// <summary>Finds the defaults of a Claude model, or returns <see langword="null"/> for a model no family knows.</summary>
    public static ModelCapabilities? FindClaude(string model) => Find(ClaudeFamilies, model);

    /// <summary>Finds the defaults of a Grok model, or returns <see langword="null"/> for a model no family knows.</summary>
    public static ModelCapabilities? FindGrok(string model) => Find(GrokFamilies, model);

    private static ModelCapabilities? Find(Family[] families, string model)
    {
        foreach (var family in families)
        {
            foreach (var id in family.Ids)
            {
                if (Matches(model, id))
                {
                    return family.Capabilities;
                }
            }
        }

        return null;
    }

    private static bool Matches(string model, string id)
    {
        if (!model.StartsWith(id, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var rest = model.AsSpan(id.Length);
        if (rest.IsEmpty)
        {
            return true;
        }

        if (rest[0] != '-')
        {
            return false;
        }

        var suffix = rest[1..];
        return suffix.Equals("latest", StringComparison.OrdinalIgnoreCase) || (suffix.Length >= 4 && !suffix.ContainsAnyExceptInRange('0', '9'));
    }

    /// <summary>A Claude model: every feature, thinking included; logprobs are never offered by the Messages API.</summary>
    private static ModelCapabilities Claude(int window, int output) =>
        new() { ContextWindowTokens = window, OutputTokenLimit = output, Logprobs = false };

    /// <summary>A Grok model: no documents in chat completions, no reasoning option unless said otherwise; xAI publishes no separate output limit.</summary>
    private static ModelCapabilities Grok(int window, bool images) =>
        new() { ContextWindowTokens = window, Images = images, Documents = false, ReasoningEfforts = ChatReasoningEfforts.None };

    /// <summary>An xAI reasoning model: <c>stop</c> is refused with an error (xAI chat-completions reference).</summary>
    private static ModelCapabilities Reasoning(ModelCapabilities grok) => grok with { StopSequences = false };

    private sealed record Family(string[] Ids, ModelCapabilities Capabilities);
}
