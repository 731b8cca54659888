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
}
