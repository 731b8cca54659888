namespace MultiModel;

/// <summary>Describes a provider for telemetry and routing: which system it talks to, where, and with which model.</summary>
public sealed class ChatProviderMetadata
{
    /// <summary>Initializes a new instance of the <see cref="ChatProviderMetadata"/> class.</summary>
    /// <param name="providerSystem">The system, as named by the OpenTelemetry GenAI conventions (<c>anthropic</c>, <c>xai</c>, <c>openai</c>).</param>
    /// <param name="endpoint">The base address of the API, or <see langword="null"/>.</param>
    /// <param name="defaultModelId">The model used when a request does not name one, or <see langword="null"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="providerSystem"/> is null or white space.</exception>
    public ChatProviderMetadata(string providerSystem, Uri? endpoint = null, string? defaultModelId = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(providerSystem);
        ProviderSystem = providerSystem;
        Endpoint = endpoint;
        DefaultModelId = defaultModelId;
    }

    /// <summary>Gets the system the provider talks to (<c>gen_ai.provider.name</c>): <c>anthropic</c>, <c>xai</c>, <c>openai</c>, ….</summary>
    public string ProviderSystem { get; }

    /// <summary>Gets the base address of the API, or <see langword="null"/>.</summary>
    public Uri? Endpoint { get; }

    /// <summary>Gets the model used when a request does not name one, or <see langword="null"/>.</summary>
    public string? DefaultModelId { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{ProviderSystem} {(Endpoint is { IsAbsoluteUri: true, UserInfo.Length: > 0 } ? Endpoint.GetComponents(UriComponents.AbsoluteUri & ~UriComponents.UserInfo, UriFormat.UriEscaped) : Endpoint)} {DefaultModelId}".Trim();
}
