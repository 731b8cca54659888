using System.Diagnostics;
using MultiModel.Internal;
using MultiModel.Providers.Capabilities;

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
public sealed class ClaudeProviderOptions : IModelCapabilityOptions
{
    /// <summary>Gets or sets the name of the provider, unique within a failover chain.</summary>
    /// <value>The default value is <c>claude</c>.</value>
    public string Name { get; set; } = "claude";

    /// <summary>Gets or sets the Anthropic API key, sent in the <c>x-api-key</c> header.</summary>
    /// <value>The default value is <see langword="null"/>; a provider cannot be created without a key.</value>
    public string? ApiKey { get; set; }

    /// <summary>Gets or sets the model used when a request does not name one.</summary>
    /// <value>The default value is <c>claude-sonnet-4-5</c>.</value>
    public string Model { get; set; } = "claude-sonnet-4-5";

    /// <summary>Gets or sets the absolute base address of the API; <c>/v1/messages</c> is appended to it.</summary>
    /// <value>The default value is <c>https://api.anthropic.com</c>.</value>
    /// <remarks>A path is kept (for a proxy such as <c>https://gateway.example/anthropic</c>); a trailing slash does not matter.</remarks>
    public Uri BaseUrl { get; set; } = new("https://api.anthropic.com");

    /// <summary>Gets or sets a value indicating whether a plain-HTTP <see cref="BaseUrl"/> that is not a loopback address is accepted.</summary>
    /// <value>The default value is <see langword="false"/>: the API key travels only over HTTPS or to a loopback address.</value>
    public bool AllowInsecureHttp { get; set; }

    /// <summary>Gets or sets the <c>max_tokens</c> sent when a request does not set <see cref="ChatRequest.MaxOutputTokens"/>.</summary>
    /// <value>The default value is 4096. The API requires <c>max_tokens</c>, so a value is always sent.</value>
    public int MaxOutputTokens { get; set; } = 4096;

    /// <summary>Gets or sets the model's context window in tokens (prompt and answer together); a request whose estimate does not fit is not sent.</summary>
    /// <value>The default value is <see langword="null"/>: the window of the model's family (for example 200,000 for <c>claude-sonnet-4-5</c>), or none checked for an unknown model.</value>
    /// <remarks>
    /// The estimate (text runs, images at their documented cost, plus the output asked for) over-counts by less
    /// than 10 %; a request is refused only when it exceeds the window by more than <see cref="ContextWindowSafetyMargin"/>.
    /// A request the estimate lets through that is still too long fails with a context-length error, which a failover chain moves past.
    /// </remarks>
    public int? ContextWindowTokens { get; set; }

    /// <summary>Gets or sets how far, as a share of <see cref="ContextWindowTokens"/>, a request's estimate may exceed the window before it is refused.</summary>
    /// <value>The default value is <see langword="null"/> (0.1: refused only above 110 % of the window). From 0 to 1.</value>
    public double? ContextWindowSafetyMargin { get; set; }

    /// <summary>Gets or sets the most tokens the model writes in one answer; a request asking for more is refused.</summary>
    /// <value>The default value is <see langword="null"/>: the model family's limit, or none checked for an unknown model.</value>
    public int? OutputTokenLimit { get; set; }

    /// <summary>Gets or sets a value indicating whether the model takes images.</summary>
    /// <value>The default value is <see langword="null"/>: the model family's answer, else <see langword="true"/>.</value>
    public bool? SupportsImages { get; set; }

    /// <summary>Gets or sets a value indicating whether the model takes documents (PDF, plain text).</summary>
    /// <value>The default value is <see langword="null"/>: the model family's answer, else <see langword="true"/>.</value>
    public bool? SupportsDocuments { get; set; }

    /// <summary>Gets or sets a value indicating whether the model takes tools.</summary>
    /// <value>The default value is <see langword="null"/>: the model family's answer, else <see langword="true"/>.</value>
    public bool? SupportsTools { get; set; }

    /// <summary>Gets or sets a value indicating whether the model takes a JSON-schema output format (<see cref="ChatRequest.ResponseFormat"/>).</summary>
    /// <value>The default value is <see langword="null"/>: the model family's answer, else <see langword="true"/>.</value>
    public bool? SupportsJsonSchema { get; set; }

    /// <summary>Gets or sets a value indicating whether the model takes stop sequences (<see cref="ChatRequest.StopSequences"/>); xAI's reasoning models refuse them.</summary>
    /// <value>The default value is <see langword="null"/>: the model family's answer, else <see langword="true"/>.</value>
    public bool? SupportsStopSequences { get; set; }

    /// <summary>Gets or sets the reasoning efforts the model takes (<see cref="ChatRequest.Reasoning"/>); <see cref="ChatReasoningEfforts.None"/> when it takes no reasoning option.</summary>
    /// <value>The default value is <see langword="null"/>: the model family's answer, else <see cref="ChatReasoningEfforts.All"/>.</value>
    public ChatReasoningEfforts? ReasoningEfforts { get; set; }

    /// <summary>Gets or sets the value of the <c>anthropic-version</c> header.</summary>
    /// <value>The default value is <c>2023-06-01</c>.</value>
    public string AnthropicVersion { get; set; } = "2023-06-01";

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Name}: {Model} at {ErrorText.Address(BaseUrl)} (api key {(string.IsNullOrEmpty(ApiKey) ? "missing" : "set")})";
}
