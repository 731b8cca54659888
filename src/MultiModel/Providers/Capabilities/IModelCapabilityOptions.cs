namespace MultiModel.Providers.Capabilities;

/// <summary>The capability settings every provider options type carries (Claude, Grok, OpenAI-compatible), read into <see cref="CapabilityOptionValues"/>.</summary>
internal interface IModelCapabilityOptions
{
    int? ContextWindowTokens { get; }

    double? ContextWindowSafetyMargin { get; }

    int? OutputTokenLimit { get; }

    bool? SupportsImages { get; }

    bool? SupportsDocuments { get; }

    bool? SupportsTools { get; }

    bool? SupportsJsonSchema { get; }

    bool? SupportsStopSequences { get; }

    ChatReasoningEfforts? ReasoningEfforts { get; }
}
