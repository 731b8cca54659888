using MultiModel.Providers.Capabilities;

namespace MultiModel.Providers.ChatCompletions;

/// <summary>The raw, unvalidated values a provider reads from its public options.</summary>
/// <remarks>A plain struct (not a record) so that no generated <c>ToString</c> can print the API key.</remarks>
internal readonly struct ChatCompletionsOptionValues
{
    /// <summary>Gets the name of the public options type, used in error messages.</summary>
    public required string OptionsType { get; init; }

    public string? Name { get; init; }

    public string? ProviderSystem { get; init; }

    public Uri? BaseUrl { get; init; }

    public string? Model { get; init; }

    public string? ApiKey { get; init; }

    public IEnumerable<KeyValuePair<string, string>>? Headers { get; init; }

    public int? MaxOutputTokens { get; init; }

    public bool AllowInsecureHttp { get; init; }

    public ReasoningTokenAccounting ReasoningAccounting { get; init; }

    /// <summary>Gets the capability values set on the provider's options.</summary>
    public CapabilityOptionValues Capabilities { get; init; }

    /// <summary>Gets the lookup of the provider's known model families, or <see langword="null"/> when it knows none.</summary>
    public Func<string, ModelCapabilities?>? FindFamily { get; init; }

    /// <summary>Gets what the provider's API accepts in images and documents.</summary>
    public required MediaRules Media { get; init; }
}
