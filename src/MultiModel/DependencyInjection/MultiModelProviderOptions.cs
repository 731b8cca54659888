using System.Diagnostics;
using MultiModel.Resilience;
using MultiModel.Internal;

namespace MultiModel.DependencyInjection;

/// <summary>Configures one provider of a MultiModel registration (section <c>MultiModel:Providers:{name}</c>).</summary>
/// <remarks><para>The API key is never shown by <see cref="ToString"/> or the debugger display.</para></remarks>
[DebuggerDisplay("{ToString(),nq}")]
public sealed class MultiModelProviderOptions
{
    /// <summary>Gets or sets the kind of provider: <c>Grok</c>, <c>Claude</c> or <c>OpenAICompatible</c> (case-insensitive).</summary>
    public string? Kind { get; set; }

    /// <summary>Gets or sets the model to use, for example <c>grok-4</c> or <c>claude-sonnet-4-5</c>.</summary>
    /// <value>The default value is <see langword="null"/>: the kind's default model (not allowed for <c>OpenAICompatible</c>).</value>
    public string? Model { get; set; }

    /// <summary>Gets or sets the API key.</summary>
    /// <value>
    /// The default value is <see langword="null"/>: Grok falls back to <c>XAI_API_KEY</c> and Claude to
    /// <c>ANTHROPIC_API_KEY</c> (configuration, then environment). OpenAICompatible may go without a key only on a loopback BaseUrl.
    /// </value>
    public string? ApiKey { get; set; }

    /// <summary>Gets or sets the base address of the API.</summary>
    /// <value>The default value is <see langword="null"/>: <c>https://api.x.ai/v1</c> for Grok, <c>https://api.anthropic.com</c> for Claude.</value>
    public Uri? BaseUrl { get; set; }

    /// <summary>Gets or sets a value indicating whether a plain-HTTP BaseUrl that is not loopback is accepted.</summary>
    /// <value>The default value is <see langword="false"/>: API keys travel only over HTTPS or loopback.</value>
    public bool AllowInsecureHttp { get; set; }

    /// <summary>Gets or sets the default largest number of tokens to generate when a request does not say.</summary>
    /// <value>The default value is <see langword="null"/>: the kind's default (Claude: 4096; others: the provider's).</value>
    public int? MaxOutputTokens { get; set; }

    /// <summary>Gets extra headers to send with every request (OpenAICompatible only; e.g. an aggregator's referer or title).</summary>
    public IDictionary<string, string> Headers { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets or sets the system name reported in telemetry for OpenAICompatible providers.</summary>
    /// <value>The default value is <see langword="null"/>: <c>openai</c>.</value>
    public string? ProviderSystem { get; set; }

    /// <summary>Gets or sets the resilience pipeline of this provider's HTTP client.</summary>
    public ProviderResilienceOptions Resilience { get; set; } = new();

    /// <inheritdoc/>
    public override string ToString() =>
        $"Kind={Kind}, Model={Model}, BaseUrl={ErrorText.Address(BaseUrl)}, ApiKey={(string.IsNullOrEmpty(ApiKey) ? "(none)" : "***")}";
}
