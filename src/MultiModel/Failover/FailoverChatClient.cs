using System.Runtime.CompilerServices;
using MultiModel.Internal;
using MultiModel.Resilience;

namespace MultiModel.Failover;

/// <summary>Tries an ordered list of providers until one gives an answer that meets the confidence policy.</summary>
/// <remarks>
/// <para>
/// Providers are tried in order. One is skipped without a call (<see cref="ChatAttemptOutcome.Skipped"/>, with a
/// <see cref="ChatAttempt.SkipReason"/>) when it cannot take the request (<see cref="IChatProvider.CheckRequest"/>), when
/// <see cref="FailoverChatClientOptions.MaxAttempts"/> is reached, or when the <see cref="FailoverChatClientOptions.HealthSource"/>
/// says it is cooling down, its circuit is open or its rate budget has no room (a call never waits for one). The
/// <see cref="FailoverChatClientOptions.ErrorClassifier"/> decides whether a failure moves the call on. Every answer is
/// scored by <see cref="FailoverChatClientOptions.Confidence"/>; one below the threshold moves the call on, and when none
/// meets it <see cref="FailoverChatClientOptions.WhenNoneMeetsThreshold"/> decides.
/// </para>
/// <para>
/// A stream fails over until its first content (or its scored head, see <see cref="FailoverChatClientOptions.HeadBufferLength"/>)
/// reaches the caller; after that the answer belongs to that provider (see <see cref="FailoverChatClientOptions.ResumeStreams"/>).
/// Its final update carries usage, confidence and every attempt. A request that is not valid, or that no provider can
/// take, throws <see cref="ArgumentException"/> before any call; caller cancellation throws
/// <see cref="OperationCanceledException"/> and is never a provider failure; every other way the chain gives up throws
/// <see cref="ChatFailoverException"/>.
/// </para>
/// <para>
/// Thread-safe. Each call keeps the providers and options it started with (reloaded configuration applies to later
/// calls). The client never disposes its providers, and can itself be a provider of another client.
/// </para>
/// </remarks>
public sealed class FailoverChatClient : IChatProvider
{
    /// <summary>The system name a failover chain reports in its <see cref="Metadata"/>.</summary>
    public const string SystemName = "multimodel";

    private volatile FailoverSettings _settings;

    /// <summary>Initializes a new instance of the <see cref="FailoverChatClient"/> class.</summary>
    /// <param name="providers">The providers, in the order to try them. The sequence is copied.</param>
    /// <param name="options">The options, or <see langword="null"/> for the defaults. They are copied.</param>
    /// <param name="timeProvider">The clock for timeouts, hedging and durations, or <see langword="null"/> for <see cref="TimeProvider.System"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="providers"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="providers"/> is empty, holds a <see langword="null"/> element, or holds two providers with the same name.</exception>
    public FailoverChatClient(IEnumerable<IChatProvider> providers, FailoverChatClientOptions? options = null, TimeProvider? timeProvider = null)
    {
        _settings = FailoverSettings.Create(providers, options, timeProvider ?? TimeProvider.System);
    }

    /// <inheritdoc/>
    public string Name => _settings.Options.Name;

    /// <summary>Gets the providers of the chain, in the order they are tried.</summary>
    public IReadOnlyList<IChatProvider> Providers => _settings.Providers;

    /// <summary>Gets what this chain talks to: system <c>multimodel</c>, with the first provider's address and model.</summary>
    public ChatProviderMetadata Metadata => new(SystemName, _settings.Providers[0].Metadata.Endpoint, _settings.Providers[0].Metadata.DefaultModelId);

    /// <summary>Tells whether one of the chain's providers can take a request, and if none can, why not.</summary>
    /// <param name="request">The request; it is not modified.</param>
    /// <returns>Supported when a provider can take the request; otherwise unsupported, with each provider's reason.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is <see langword="null"/>.</exception>
    public ChatRequestSupport CheckRequest(ChatRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var settings = _settings;
        return RequestSupport.OfChain(settings.Options.Name, settings.Providers, request, out _);
    }

    /// <summary>Sends the request to the providers in order and returns the first answer that meets the confidence policy.</summary>
    /// <param name="request">The request; it is validated once, before any provider is called, and never modified.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The accepted answer (or, under <see cref="BelowThresholdBehavior.ReturnBest"/>, the best one), with its confidence and every attempt.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="request"/> is not valid, or no provider of the chain can take it.</exception>
    /// <exception cref="ChatFailoverException">No acceptable answer was obtained, or a failure ended the chain early.</exception>
    /// <exception cref="OperationCanceledException">The caller cancelled.</exception>
    public async Task<ChatResponse> GetResponseAsync(ChatRequest request, CancellationToken cancellationToken = default)
    {
        var settings = _settings;
        var refusals = FailoverCall.Admit(settings, request);
        cancellationToken.ThrowIfCancellationRequested();
        var call = new FailoverCall(settings, request, refusals, streaming: false, cancellationToken);
        try
        {
            return call.Complete(await call.RunAsync().ConfigureAwait(false));
        }
        catch (Exception ex)
        {
            call.Telemetry.Failed(ex);
            throw;
        }
        finally
        {
            await call.EndAsync().ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    /// <remarks>
    /// The request is validated, and every provider asked whether it can take it, when this method is called. Once content
    /// reached the caller, a failure throws <see cref="ChatFailoverReason.FailedAfterContent"/> (unless the stream is resumed),
    /// and a whole answer below the threshold throws <see cref="ChatFailoverReason.BelowThresholdAfterContent"/> or, under
    /// <see cref="BelowThresholdBehavior.ReturnBest"/>, ends with a flagged final update.
    /// </remarks>
    /// <exception cref="ArgumentException"><paramref name="request"/> is not valid, or no provider of the chain can take it.</exception>
    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(ChatRequest request, CancellationToken cancellationToken = default)
    {
        var settings = _settings;
        var refusals = FailoverCall.Admit(settings, request);
        return StreamAsync(settings, request, refusals, cancellationToken);
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Name} [{string.Join(", ", _settings.Providers.Select(p => p.Name))}]";

    /// <summary>Replaces the providers and options for calls that start from now on; calls under way keep theirs.</summary>
    /// <remarks>Used by dependency injection to apply reloaded configuration (order, threshold) without a restart.</remarks>
    internal void Reconfigure(IEnumerable<IChatProvider> providers, FailoverChatClientOptions options) =>
        _settings = FailoverSettings.Create(providers, options, _settings.TimeProvider);

    /// <summary>Streams a call: the attempt engine picks the stream whose head may be released, its updates are relayed to the end, and a stream that breaks is continued by the next provider when that is on.</summary>
    private static async IAsyncEnumerable<ChatResponseUpdate> StreamAsync(
        FailoverSettings settings, ChatRequest request, ChatRequestSupport[]? refusals, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var call = new FailoverCall(settings, request, refusals, streaming: true, cancellationToken);
        try
        {
            FailoverAttempt? relayed = null;
            do
            {
                relayed = await call.NextStreamAsync(broken: relayed).ConfigureAwait(false);
                var stream = relayed.Stream!;
                foreach (var held in stream.Held.Where(static u => !u.IsFinal))
                {
                    yield return held;
                }

                while (stream.Final is null && await relayed.ReadTailAsync().ConfigureAwait(false) is { } update)
                {
                    if (!update.IsFinal)
                    {
                        yield return update;
                    }
                }
            }
            while (relayed.Stream!.Final is null);

            yield return await call.FinishStreamAsync(relayed).ConfigureAwait(false);
        }
        finally
        {
            // Runs when the stream ends, fails or is abandoned: an attempt still open ends as cancelled before the call's span ends.
            await call.EndAsync().ConfigureAwait(false);
        }
    }
}
