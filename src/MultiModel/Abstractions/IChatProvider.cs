namespace MultiModel;

/// <summary>
/// Represents one chat model endpoint (a provider and model) that can answer a <see cref="ChatRequest"/>.
/// </summary>
/// <remarks>
/// <para>
/// Implementations are thread-safe: one instance may serve any number of concurrent calls. A
/// <see cref="ChatRequest"/> passed in is never modified by the provider; callers may reuse it.
/// </para>
/// <para>
/// Failures are reported as <see cref="ChatProviderException"/>. Cancellation through the caller's
/// token surfaces as <see cref="OperationCanceledException"/> and is never wrapped.
/// </para>
/// </remarks>
public interface IChatProvider
{
    /// <summary>Gets the name of this provider instance, unique within a failover chain (for example <c>grok</c>).</summary>
    string Name { get; }

    /// <summary>Gets what this provider talks to, for telemetry. The default names the system <c>unknown</c>.</summary>
    ChatProviderMetadata Metadata => new("unknown");

    /// <summary>Tells, before any call, whether this provider can take a request, and why not.</summary>
    /// <param name="request">The request a caller or a failover chain is about to send; it is not modified.</param>
    /// <returns>
    /// <see cref="ChatRequestSupport.Supported"/>, or why the provider cannot take the request (a value outside its
    /// ranges, a feature it lacks, a prompt larger than its context window). The default takes every request except
    /// one that asks to continue a partial answer (<see cref="ChatRequest.ContinueFinalMessage"/>), which a provider
    /// has to write in its own format.
    /// </returns>
    /// <remarks>
    /// <para>
    /// Must be cheap, must not block or call the network, and must be thread-safe: a failover chain asks each
    /// candidate once per call and skips one that cannot take the request. Rules that hold for every provider stay in
    /// <see cref="ChatRequest.Validate"/>. A provider called directly with a request it cannot take throws
    /// <see cref="ArgumentException"/> with the same reason.
    /// </para>
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is <see langword="null"/>.</exception>
    ChatRequestSupport CheckRequest(ChatRequest request) =>
        request?.ContinueFinalMessage == true ? ChatRequestSupport.Unsupported("cannot continue a partial answer") : ChatRequestSupport.Supported;

    /// <summary>Sends a request and returns the whole answer.</summary>
    /// <param name="request">The request to send. It is validated before any network call.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The provider's answer.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="request"/> is not valid for this provider.</exception>
    /// <exception cref="ChatProviderException">The provider failed or returned an unusable answer.</exception>
    Task<ChatResponse> GetResponseAsync(ChatRequest request, CancellationToken cancellationToken = default);

    /// <summary>Sends a request and streams the answer as it is generated.</summary>
    /// <param name="request">The request to send. It is validated before any network call.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>
    /// The streamed pieces of the answer. The last update carries <see cref="ChatResponseUpdate.FinishReason"/> and
    /// <see cref="ChatResponseUpdate.Usage"/>; a stream that ends without the provider's end marker throws
    /// <see cref="ChatProviderException"/> instead of ending quietly.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="request"/> is not valid for this provider.</exception>
    /// <exception cref="ChatProviderException">The provider failed or the stream broke.</exception>
    IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(ChatRequest request, CancellationToken cancellationToken = default);
}
