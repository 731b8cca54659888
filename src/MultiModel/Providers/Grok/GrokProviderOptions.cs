using System.Diagnostics;
using MultiModel.Internal;

namespace MultiModel.Providers.Grok;

/// <summary>Configures a <see cref="GrokChatProvider"/>: the xAI endpoint, the model and the API key.</summary>
/// <remarks>
/// <para>
/// The provider validates and copies these values when it is constructed; later changes to this instance do not
/// affect it. <see cref="ToString"/> and the debugger display never show the API key.
/// </para>
/// </remarks>
[DebuggerDisplay("{ToString(),nq}")]
public sealed class GrokProviderOptions
{
    /// <summary>Gets or sets the name of the provider instance, unique within a failover chain.</summary>
    /// <value>The default value is <c>grok</c>.</value>
    public string Name { get; set; } = "grok";

    /// <summary>Gets or sets the xAI API key, sent as <c>Authorization: Bearer</c>.</summary>
    /// <value>The default value is <see langword="null"/>; a key is required unless <see cref="BaseUrl"/> is a loopback address.</value>
    public string? ApiKey { get; set; }

    /// <summary>Gets or sets the model used when a request does not name one.</summary>
    /// <value>The default value is <c>grok-4</c>.</value>
    public string Model { get; set; } = "grok-4";

    /// <summary>Gets or sets the base address of the API; requests go to <c>{BaseUrl}/chat/completions</c>.</summary>
    /// <value>The default value is <c>https://api.x.ai/v1</c>.</value>
    public Uri BaseUrl { get; set; } = new("https://api.x.ai/v1");

    /// <summary>Gets or sets a value indicating whether a plain-HTTP <see cref="BaseUrl"/> that is not a loopback address is accepted.</summary>
    /// <value>The default value is <see langword="false"/>: the API key travels only over HTTPS or to a loopback address.</value>
    public bool AllowInsecureHttp { get; set; }

    /// <summary>Gets or sets the output cap (<c>max_completion_tokens</c>) used when a request sets none.</summary>
    /// <value>The default value is <see langword="null"/> (no cap is sent; the model's own limit applies).</value>
    public int? MaxOutputTokens { get; set; }

    /// <summary>Describes the options without the API key.</summary>
    /// <returns>The name, model and base address, and whether a key is set.</returns>
    public override string ToString() => $"{Name}: {Model} at {ErrorText.Address(BaseUrl)} (api key {(ApiKey is null ? "not set" : "set")})";
}
