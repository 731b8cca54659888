using System.Globalization;
using MultiModel.Internal;

namespace MultiModel.Providers.Capabilities;

/// <summary>The capability values set on a provider's options; each one set replaces the model family's default.</summary>
internal readonly record struct CapabilityOptionValues
{
    public int? ContextWindowTokens { get; init; }

    public int? OutputTokenLimit { get; init; }

    public bool? SupportsImages { get; init; }

    public bool? SupportsDocuments { get; init; }

    public bool? SupportsTools { get; init; }

    public bool? SupportsJsonSchema { get; init; }

    public bool? SupportsStopSequences { get; init; }

    public bool? SupportsLogprobs { get; init; }

    public ChatReasoningEfforts? ReasoningEfforts { get; init; }

    public double? ContextWindowSafetyMargin { get; init; }

    /// <summary>Reads the capability settings of a provider's options.</summary>
    /// <param name="options">The options.</param>
    /// <param name="supportsLogprobs">The options' logprobs setting, for the types that have one.</param>
    public static CapabilityOptionValues From(IModelCapabilityOptions options, bool? supportsLogprobs = null) => new()
    {
        ContextWindowTokens = options.ContextWindowTokens,
        ContextWindowSafetyMargin = options.ContextWindowSafetyMargin,
        OutputTokenLimit = options.OutputTokenLimit,
        SupportsImages = options.SupportsImages,
        SupportsDocuments = options.SupportsDocuments,
        SupportsTools = options.SupportsTools,
        SupportsJsonSchema = options.SupportsJsonSchema,
        SupportsStopSequences = options.SupportsStopSequences,
        SupportsLogprobs = supportsLogprobs,
        ReasoningEfforts = options.ReasoningEfforts,
    };

    /// <summary>Records each invalid value under the options' path (a type name by hand, a configuration path at start-up).</summary>
    public void Check(OptionProblems problems)
    {
        problems.Require(ContextWindowTokens is null or > 0, "ContextWindowTokens", Invariant($"must be positive when set (was {ContextWindowTokens})."));
        problems.Require(OutputTokenLimit is null or > 0, "OutputTokenLimit", Invariant($"must be positive when set (was {OutputTokenLimit})."));
        problems.Require(
            ContextWindowSafetyMargin is null or (>= 0 and <= 1), "ContextWindowSafetyMargin", Invariant($"must be between 0 and 1 (was {ContextWindowSafetyMargin})."));
        problems.Require(
            ReasoningEfforts is null || (ReasoningEfforts & ~ChatReasoningEfforts.All) == 0, "ReasoningEfforts", Invariant($"has undefined flags ({(int?)ReasoningEfforts})."));
    }

    /// <summary>Applies the values that are set to a model's defaults.</summary>
    public ModelCapabilities ApplyTo(ModelCapabilities defaults) => new()
    {
        ContextWindowTokens = ContextWindowTokens ?? defaults.ContextWindowTokens,
        OutputTokenLimit = OutputTokenLimit ?? defaults.OutputTokenLimit,
        Images = SupportsImages ?? defaults.Images,
        Documents = SupportsDocuments ?? defaults.Documents,
        Tools = SupportsTools ?? defaults.Tools,
        JsonSchema = SupportsJsonSchema ?? defaults.JsonSchema,
        StopSequences = SupportsStopSequences ?? defaults.StopSequences,
        Logprobs = SupportsLogprobs ?? defaults.Logprobs,
        ReasoningEfforts = ReasoningEfforts ?? defaults.ReasoningEfforts,
        SafetyMargin = ContextWindowSafetyMargin ?? defaults.SafetyMargin,
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
