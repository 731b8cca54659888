namespace MultiModel;

/// <summary>Names the <see cref="HttpRequestMessage.Options"/> that MultiModel's providers set on every HTTP request they send.</summary>
/// <remarks>
/// <para>
/// A delegating handler of a provider's <see cref="HttpClient"/> (the resilience pipeline, or a handler of yours) reads
/// them from the request; nothing else carries them.
/// </para>
/// </remarks>
public static class ChatHttpRequestOptions
{
    /// <summary>
    /// Gets the key of the deadline of the failover attempt that sends the request. It is set only when the request is
    /// sent by a provider on behalf of a <see cref="Failover.FailoverChatClient"/> attempt that has an attempt timeout.
    /// </summary>
    /// <remarks>
    /// <para>
    /// The resilience pipeline ends its per-try timeout a little before this deadline, so that a provider that hangs
    /// fails inside the pipeline, where its circuit breaker counts it, rather than being cancelled by the chain, which
    /// a breaker rightly ignores.
    /// </para>
    /// </remarks>
    public static HttpRequestOptionsKey<DateTimeOffset> AttemptDeadline { get; } = new("MultiModel.AttemptDeadline");
}
