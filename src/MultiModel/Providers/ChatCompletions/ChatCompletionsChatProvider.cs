using MultiModel.Internal;
using MultiModel.Providers.Capabilities;

namespace MultiModel.Providers.ChatCompletions;

/// <summary>Provides the one implementation of the OpenAI-style chat-completions format behind the Grok and OpenAI-compatible providers.</summary>
/// <remarks>
/// <para>
/// Thread-safe: one instance may serve any number of concurrent calls. The <see cref="HttpClient"/> is owned by the
/// caller and never disposed here; retries, timeouts and circuit breaking belong to its handler pipeline. Only this
/// library derives from this class; the derived providers differ in their defaults alone.
/// </para>
/// <para>
/// A request with <see cref="ChatRequest.ContinueFinalMessage"/> is sent with its partial answer as an assistant
/// message followed by a user message with <see cref="ChatRequest.ContinuationInstruction"/>: the format has no
/// documented prefix continuation.
/// </para>
/// </remarks>
public abstract class ChatCompletionsChatProvider : IChatProvider, ITokenEstimator
{
    private readonly ChatCompletionsClient _client;

    private protected ChatCompletionsChatProvider(HttpClient httpClient, ChatCompletionsOptionValues values, TimeProvider? timeProvider)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        _client = new ChatCompletionsClient(httpClient, ChatCompletionsSettings.Create(values), timeProvider);
    }

    /// <inheritdoc/>
    public string Name => _client.Settings.ProviderName;

    /// <summary>Gets what this provider talks to: its system (for example <c>xai</c>), the base address and the configured model.</summary>
    public ChatProviderMetadata Metadata => _client.Settings.Metadata;

    /// <inheritdoc/>
    /// <remarks>
    /// <para>
    /// The format cannot take a <see cref="ChatRequest.Temperature"/> above 2, more than 4 stop sequences or more than 128
    /// tools (reasons such as <c>unsupported: at most 4 stop sequences (got 6)</c>). An endpoint cannot take a request
    /// that its model lacks a feature for (images, tools, JSON-schema output,
    /// a reasoning effort; documents unless the endpoint declares them), whose images break the API's limits, or whose
    /// estimated size does not fit the context window (category <c>context-window</c>). See the capability options
    /// of the provider's options type.
    /// </para>
    /// </remarks>
    public ChatRequestSupport CheckRequest(ChatRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return ChatCompletionsRequestCheck.Check(request, _client.Settings);
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The request is invalid, or one the provider cannot take (see <see cref="CheckRequest"/>).</exception>
    public Task<ChatResponse> GetResponseAsync(ChatRequest request, CancellationToken cancellationToken = default) =>
        _client.GetResponseAsync(request, cancellationToken);

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The request is invalid, or one the provider cannot take (see <see cref="CheckRequest"/>).</exception>
    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(ChatRequest request, CancellationToken cancellationToken = default) =>
        _client.GetStreamingResponseAsync(request, cancellationToken);

    /// <inheritdoc/>
    public override string ToString() => _client.Settings.ToString();

    /// <inheritdoc/>
    long ITokenEstimator.EstimateTokens(ChatRequest request) =>
        RequestTokenEstimate.Estimate(request, _client.Settings.Media) + (request.MaxOutputTokens ?? _client.Settings.MaxOutputTokens ?? 0);
}
