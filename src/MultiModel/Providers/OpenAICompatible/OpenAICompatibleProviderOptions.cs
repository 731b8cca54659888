using System.Diagnostics;
using MultiModel.Internal;

namespace MultiModel.Providers.OpenAICompatible;

/// <summary>
/// Configures an <see cref="OpenAICompatibleChatProvider"/>: any server that speaks the OpenAI chat-completions
/// format, such as an aggregator (OpenRouter) or a self-hosted server (vLLM, Ollama).
/// </summary>
/// <remarks>
/// <para>
/// The provider validates and copies these values when it is constructed; later changes to this instance do not
/// affect it. <see cref="ToString"/> and the debugger display show neither the API key nor header values.
/// </para>
/// </remarks>
[DebuggerDisplay("{ToString(),nq}")]
public sealed class OpenAICompatibleProviderOptions
{
    /// <summary>Gets or sets the name of the provider instance, unique within a failover chain.</summary>
    /// <value>The default value is <c>openai-compatible</c>.</value>
    public string Name { get; set; } = "openai-compatible";

    /// <summary>Gets or sets the API key, sent as <c>Authorization: Bearer</c>.</summary>
    /// <value>
    /// The default value is <see langword="null"/>. A key is required unless <see cref="BaseUrl"/> is a loopback
    /// address; without one, no <c>Authorization</c> header is sent.
    /// </value>
    public string? ApiKey { get; set; }

    /// <summary>Gets or sets the model used when a request does not name one, passed through unchanged (for example <c>xai/grok-4</c>).</summary>
    /// <value>The default value is <see langword="null"/>; a model is required.</value>
    public string? Model { get; set; }

    /// <summary>Gets or sets the base address of the API, for example <c>https://openrouter.ai/api/v1</c> or <c>http://127.0.0.1:11434/v1</c>.</summary>
    /// <value>The default value is <see langword="null"/>; an address is required. Requests go to <c>{BaseUrl}/chat/completions</c>.</value>
    public Uri? BaseUrl { get; set; }

    /// <summary>Gets or sets a value indicating whether a plain-HTTP <see cref="BaseUrl"/> that is not a loopback address is accepted.</summary>
    /// <value>The default value is <see langword="false"/>: the API key travels only over HTTPS or to a loopback address.</value>
    public bool AllowInsecureHttp { get; set; }

    /// <summary>Gets the extra headers sent with every request, for example <c>HTTP-Referer</c> and <c>X-Title</c> for OpenRouter.</summary>
    /// <value>Empty by default. <c>Authorization</c>, <c>Content-Type</c>, <c>Content-Length</c> and <c>Host</c> are not allowed.</value>
    public IDictionary<string, string> Headers { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets or sets the system named in telemetry (<c>gen_ai.provider.name</c>).</summary>
    /// <value>The default value is <c>openai</c>.</value>
    public string ProviderSystem { get; set; } = "openai";

    /// <summary>Gets or sets the output cap (<c>max_completion_tokens</c>) used when a request sets none.</summary>
    /// <value>The default value is <see langword="null"/> (no cap is sent; the server's default applies).</value>
    public int? MaxOutputTokens { get; set; }

    /// <summary>Describes the options without the API key or header values.</summary>
    /// <returns>The name, model, base address, header names, and whether a key is set.</returns>
    public override string ToString() =>
        $"{Name}: {Model} at {ErrorText.Address(BaseUrl)} ({ProviderSystem}; api key {(ApiKey is null ? "not set" : "set")}; headers [{string.Join(", ", Headers.Keys)}])";
}
