namespace MultiModel.Providers.Capabilities;

/// <summary>What one model can take: its context window, its largest answer, and the features it accepts.</summary>
/// <remarks>
/// Resolved per model from the family defaults (<see cref="ModelFamilies"/>), then the values set on the provider's
/// options. <see langword="null"/> limits mean "unknown": nothing is checked against them.
/// </remarks>
internal sealed record ModelCapabilities
{
    /// <summary>The share of the window an estimate may exceed before a request is refused: the estimate's largest over-count (see <see cref="TextTokenCounter"/>).</summary>
    public const double DefaultSafetyMargin = 0.1;

    /// <summary>Gets the context window in tokens (prompt and answer together), or <see langword="null"/> when unknown.</summary>
    public int? ContextWindowTokens { get; init; }

    /// <summary>Gets the most tokens one answer may have, or <see langword="null"/> when unknown.</summary>
    public int? OutputTokenLimit { get; init; }

    public bool Images { get; init; } = true;

    public bool Documents { get; init; } = true;

    public bool Tools { get; init; } = true;

    public bool JsonSchema { get; init; } = true;

    public bool StopSequences { get; init; } = true;

    /// <summary>Gets a value indicating whether <c>logprobs</c> is sent; a best-effort wish (<see cref="ChatRequest.IncludeLogprobs"/>), never a reason to refuse a request.</summary>
    public bool Logprobs { get; init; } = true;

    public ChatReasoningEfforts ReasoningEfforts { get; init; } = ChatReasoningEfforts.All;

    /// <summary>Gets how far (a share of the window) the token estimate may exceed the window before the request is refused.</summary>
    public double SafetyMargin { get; init; } = DefaultSafetyMargin;

    /// <summary>Gets the capabilities of a model no table knows: everything accepted, no limits.</summary>
    public static ModelCapabilities Permissive { get; } = new();
}
