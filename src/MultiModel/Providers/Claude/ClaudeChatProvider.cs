using System.Runtime.CompilerServices;
using MultiModel.Internal;
using MultiModel.Providers.Capabilities;

namespace MultiModel.Providers.Claude;

/// <summary>Provides chat answers from Anthropic's Claude models through the Messages API (<c>POST /v1/messages</c>).</summary>
/// <remarks>
/// <para>
/// The provider is thread-safe: one instance may serve any number of concurrent calls. It validates and copies its
/// <see cref="ClaudeProviderOptions"/> when constructed. The <see cref="HttpClient"/> belongs to the caller and is
/// never disposed by the provider; retries, timeouts and circuit breaking belong to that client's pipeline.
/// </para>
/// <para>
/// System messages, wherever they appear in the conversation, are sent in the top-level <c>system</c> field: as a
/// string when there is one, as an array of text blocks (in conversation order) when there are several.
/// <c>max_tokens</c> is always sent: <see cref="ChatRequest.MaxOutputTokens"/>, else <see cref="ClaudeProviderOptions.MaxOutputTokens"/>.
/// </para>
/// <para>
/// Claude accepts a <see cref="ChatRequest.Temperature"/> from 0 to 1 only: <see cref="CheckRequest"/> says so before any
/// call, so a failover chain skips Claude for a higher temperature, and a direct call throws <see cref="ArgumentException"/>. Anthropic offers no log probabilities:
/// <see cref="ChatRequest.IncludeLogprobs"/> is accepted and ignored, and <see cref="ChatResponse.Logprobs"/> stays
/// <see langword="null"/>. Thinking blocks are returned as <see cref="ChatResponse.ReasoningText"/> and, with their
/// signatures (redacted blocks with their data), as <see cref="ChatResponse.ReasoningParts"/>; server-tool and other
/// content blocks are not part of <see cref="ChatResponse.Text"/>.
/// </para>
/// <para>
/// <b>Rich requests.</b> Image parts become <c>image</c> blocks and document parts <c>document</c> blocks
/// (<c>base64</c>, <c>url</c> or <c>text</c> source); a message marked with <see cref="ChatMessage.WithCacheBreakpoint"/>
/// (and the last tool, with <see cref="ChatRequest.CacheTools"/>) carries a <c>cache_control</c> breakpoint;
/// <see cref="ChatRequest.Reasoning"/> becomes <c>thinking</c> with <c>budget_tokens</c>, and <c>max_tokens</c> covers
/// the budget. Reasoning parts with a signature or redacted data are sent back unchanged.
/// </para>
/// <para>
/// <b>Tools.</b> <see cref="ChatRequest.Tools"/> are sent as <c>tools</c> (with <c>input_schema</c>) and
/// <see cref="ChatRequest.ToolChoice"/> as <c>tool_choice</c> (<c>auto</c>, <c>none</c>, <c>any</c>, <c>tool</c>).
/// <c>tool_use</c> blocks become <see cref="ChatResponse.ToolCalls"/>; streamed <c>input_json_delta</c> fragments
/// are joined and parsed when their block stops, and the whole call is one <see cref="ChatResponseUpdate.ToolCalls"/>
/// update. An assistant message's tool calls are written as <c>tool_use</c> blocks and tool results as
/// <c>tool_result</c> blocks of one user turn (with <c>is_error</c> for failed tools), whichever provider made the calls.
/// <see cref="ChatRequest.ResponseFormat"/> is sent as <c>output_config.format</c> (<c>json_schema</c>).
/// </para>
/// <para>
/// <b>Continuations.</b> A request with <see cref="ChatRequest.ContinueFinalMessage"/> sends the partial answer as the
/// final assistant turn (a prefill, without trailing white space), which Claude continues; for Claude 4.6 and later,
/// which refuse a prefill, and for a request with extended thinking, where prefill is not available, the partial
/// answer is followed by a user turn with <see cref="ChatRequest.ContinuationInstruction"/>.
/// </para>
/// </remarks>
public sealed class ClaudeChatProvider : IChatProvider, ITokenEstimator
{
    private readonly ClaudeSettings _settings;
    private readonly ProviderTransport _transport;

    /// <summary>Initializes a new instance of the <see cref="ClaudeChatProvider"/> class.</summary>
    /// <param name="httpClient">The client that sends the requests. It is owned by the caller and never disposed here.</param>
    /// <param name="options">The settings; they are validated and copied.</param>
    /// <param name="timeProvider">The clock used to read <c>retry-after</c> dates, or <see langword="null"/> for the system clock.</param>
    /// <exception cref="ArgumentNullException"><paramref name="httpClient"/> or <paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="options"/> has no API key, a blank name, model or version, a relative or non-HTTP base address,
    /// or a non-positive <see cref="ClaudeProviderOptions.MaxOutputTokens"/>.
    /// </exception>
    public ClaudeChatProvider(HttpClient httpClient, ClaudeProviderOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        _settings = ClaudeSettings.Create(options);
        _transport = new ProviderTransport(httpClient, _settings.Name, ClaudeErrorParser.Instance, _settings.ApiKey, timeProvider);
        Metadata = new ChatProviderMetadata("anthropic", _settings.BaseUrl, _settings.Model);
    }

    /// <inheritdoc/>
    public string Name => _settings.Name;

    /// <summary>Gets what this provider talks to: system <c>anthropic</c>, the base address and the default model.</summary>
    public ChatProviderMetadata Metadata { get; }

    /// <inheritdoc/>
    /// <remarks>
    /// <para>
    /// Claude cannot take a <see cref="ChatRequest.Temperature"/> above 1 (reason <c>unsupported: temperature 1.5 outside 0–1</c>),
    /// a request that its model lacks a feature for (images, documents, tools, JSON-schema output,
    /// thinking; see the capability options of <see cref="ClaudeProviderOptions"/>), whose images or documents break
    /// the API's limits, whose thinking breaks the API's rules, or whose estimated size does not fit the context
    /// window (category <c>context-window</c>).
    /// </para>
    /// </remarks>
    public ChatRequestSupport CheckRequest(ChatRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return ClaudeRequestCheck.Check(request, _settings);
    }

    /// <inheritdoc/>
    public async Task<ChatResponse> GetResponseAsync(ChatRequest request, CancellationToken cancellationToken = default)
    {
        var body = ClaudeRequestWriter.Write(request, _settings, stream: false);
        using var httpRequest = CreateHttpRequest(body, streaming: false);
        using var response = await _transport.SendAsync(httpRequest, streaming: false, cancellationToken).ConfigureAwait(false);
        return await ClaudeResponseReader.ReadAsync(_transport, response, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    /// <remarks>The request is validated and serialized when this method is called, before enumeration starts.</remarks>
    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(ChatRequest request, CancellationToken cancellationToken = default)
    {
        var body = ClaudeRequestWriter.Write(request, _settings, stream: true);
        return StreamAsync(body, cancellationToken);
    }

    /// <inheritdoc/>
    public override string ToString() => $"{nameof(ClaudeChatProvider)} {Name} ({_settings.Model})";

    /// <inheritdoc/>
    long ITokenEstimator.EstimateTokens(ChatRequest request)
    {
        var model = request.ModelId ?? _settings.Model;
        return RequestTokenEstimate.Estimate(request, MediaRules.Anthropic) + ClaudeRequestCheck.MaxTokens(request, _settings, _settings.CapabilitiesFor(model));
    }

    private async IAsyncEnumerable<ChatResponseUpdate> StreamAsync(byte[] body, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var httpRequest = CreateHttpRequest(body, streaming: true);
        using var response = await _transport.SendAsync(httpRequest, streaming: true, cancellationToken).ConfigureAwait(false);
        await foreach (var update in ClaudeStreamReader.ReadAsync(_transport, response, cancellationToken).ConfigureAwait(false))
        {
            yield return update;
        }
    }

    private HttpRequestMessage CreateHttpRequest(byte[] body, bool streaming)
    {
        // Raw header values: nothing to parse or format per request (a reader of the typed headers still gets them parsed).
        var content = new ByteArrayContent(body);
        content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, _settings.MessagesUri) { Content = content };
        request.Headers.TryAddWithoutValidation("x-api-key", _settings.ApiKey);
        request.Headers.TryAddWithoutValidation("anthropic-version", _settings.AnthropicVersion);
        request.Headers.TryAddWithoutValidation("accept", streaming ? "text/event-stream" : "application/json");
        return request;
    }
}
