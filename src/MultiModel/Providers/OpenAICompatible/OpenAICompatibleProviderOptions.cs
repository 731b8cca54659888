using System.Diagnostics;
using MultiModel.Internal;
using MultiModel.Providers.Capabilities;

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
public sealed class OpenAICompatibleProviderOptions : IModelCapabilityOptions
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

    /// <summary>Gets or sets the model's context window in tokens (prompt and answer together); a request whose estimate does not fit is not sent.</summary>
    /// <value>The default value is <see langword="null"/>: no window is checked (an endpoint's models are unknown).</value>
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
    /// <value>The default value is <see langword="null"/>: none checked.</value>
    public int? OutputTokenLimit { get; set; }

    /// <summary>Gets or sets a value indicating whether the model takes images.</summary>
    /// <value>The default value is <see langword="null"/>: <see langword="true"/>.</value>
    public bool? SupportsImages { get; set; }

    /// <summary>Gets or sets a value indicating whether the model takes documents (PDF, plain text).</summary>
    /// <value>The default value is <see langword="null"/> (<see langword="false"/>: chat completions have no place for documents). Set <see langword="true"/> for an endpoint that reads <c>file</c> parts (OpenAI reads PDFs); documents are then sent as <c>file</c> parts.</value>
    public bool? SupportsDocuments { get; set; }

    /// <summary>Gets or sets a value indicating whether the model takes tools.</summary>
    /// <value>The default value is <see langword="null"/>: <see langword="true"/>.</value>
    public bool? SupportsTools { get; set; }

    /// <summary>Gets or sets a value indicating whether the model takes a JSON-schema output format (<see cref="ChatRequest.ResponseFormat"/>).</summary>
    /// <value>The default value is <see langword="null"/>: <see langword="true"/>.</value>
    public bool? SupportsJsonSchema { get; set; }

    /// <summary>Gets or sets a value indicating whether the model takes stop sequences (<see cref="ChatRequest.StopSequences"/>); xAI's reasoning models refuse them.</summary>
    /// <value>The default value is <see langword="null"/>: the model family's answer, else <see langword="true"/>.</value>
    public bool? SupportsStopSequences { get; set; }

    /// <summary>Gets or sets a value indicating whether <c>logprobs</c> is sent when a request asks for log probabilities (a wish, never a reason to refuse a request).</summary>
    /// <value>The default value is <see langword="null"/> (<see langword="true"/>); set <see langword="false"/> for a server that rejects the field.</value>
    public bool? SupportsLogprobs { get; set; }

    /// <summary>Gets or sets the reasoning efforts the model takes (<see cref="ChatRequest.Reasoning"/>); <see cref="ChatReasoningEfforts.None"/> when it takes no reasoning option.</summary>
    /// <value>The default value is <see langword="null"/>: <see cref="ChatReasoningEfforts.All"/>.</value>
    public ChatReasoningEfforts? ReasoningEfforts { get; set; }

    /// <summary>Describes the options without the API key or header values.</summary>
    /// <returns>The name, model, base address, header names, and whether a key is set.</returns>
    public override string ToString() =>
        $"{Name}: {Model} at {ErrorText.Address(BaseUrl)} ({ProviderSystem}; api key {(ApiKey is null ? "not set" : "set")}; headers [{string.Join(", ", Headers.Keys)}])";
}
