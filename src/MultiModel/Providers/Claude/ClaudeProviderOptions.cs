using System.ComponentModel.DataAnnotations;
using System.Diagnostics;

namespace MultiModel.Providers.Claude;

/// <summary>Represents the settings of a <see cref="ClaudeChatProvider"/>: credentials, endpoint, model and defaults.</summary>
/// <remarks>
/// <para>
/// A <see cref="ClaudeChatProvider"/> validates and copies these settings when it is constructed; changing the
/// instance afterwards does not affect a provider that already exists.
/// </para>
/// <para>
/// <see cref="ApiKey"/> is a secret: <see cref="ToString"/> and the debugger display only say whether it is set.
/// </para>
/// </remarks>
[DebuggerDisplay("{ToString(),nq}")]
public sealed class ClaudeProviderOptions
{
    /// <summary>The name a provider gets when none is configured.</summary>
    public const string DefaultName = "claude";

    /// <summary>The model used when neither the options nor the request name one.</summary>
    public const string DefaultModel = "claude-sonnet-4-5";

    /// <summary>The API version sent in the <c>anthropic-version</c> header by default.</summary>
    public const string DefaultAnthropicVersion = "2023-06-01";

    /// <summary>The number of tokens a response may use when the request does not say.</summary>
    public const int DefaultMaxOutputTokens = 4096;

    /// <summary>Gets the address of the public Anthropic API.</summary>
    public static Uri DefaultBaseUrl { get; } = new("https://api.anthropic.com");

    /// <summary>Gets or sets the name of the provider, unique within a failover chain.</summary>
    /// <value>The default value is <c>claude</c>.</value>
    [Required]
    public string Name { get; set; } = DefaultName;

    /// <summary>Gets or sets the Anthropic API key, sent in the <c>x-api-key</c> header.</summary>
    /// <value>The default value is <see langword="null"/>; a provider cannot be created without a key.</value>
    [Required]
    public string? ApiKey { get; set; }

    /// <summary>Gets or sets the model used when a request does not name one.</summary>
    /// <value>The default value is <c>claude-sonnet-4-5</c>.</value>
    [Required]
    public string Model { get; set; } = DefaultModel;

    /// <summary>Gets or sets the absolute base address of the API; <c>/v1/messages</c> is appended to it.</summary>
    /// <value>The default value is <c>https://api.anthropic.com</c>.</value>
    /// <remarks>A path is kept (for a proxy such as <c>https://gateway.example/anthropic</c>); a trailing slash does not matter.</remarks>
    [Required]
    public Uri BaseUrl { get; set; } = DefaultBaseUrl;

    /// <summary>Gets or sets the <c>max_tokens</c> sent when a request does not set <see cref="ChatRequest.MaxOutputTokens"/>.</summary>
    /// <value>The default value is 4096. The API requires <c>max_tokens</c>, so a value is always sent.</value>
    [Range(1, int.MaxValue)]
    public int MaxOutputTokens { get; set; } = DefaultMaxOutputTokens;

    /// <summary>Gets or sets the value of the <c>anthropic-version</c> header.</summary>
    /// <value>The default value is <c>2023-06-01</c>.</value>
    [Required]
    public string AnthropicVersion { get; set; } = DefaultAnthropicVersion;

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Name}: {Model} at {BaseUrl} (api key {(string.IsNullOrEmpty(ApiKey) ? "missing" : "set")})";
}
