using MultiModel.Failover;
using MultiModel.Resilience;
using Polly;

namespace MultiModel.DependencyInjection;

/// <summary>One consistent configuration of a container's MultiModel registrations: every provider and every chain, validated together.</summary>
internal sealed class MultiModelSnapshot(IReadOnlyDictionary<string, ProviderEntry> providers, IReadOnlyDictionary<string, ChainEntry> chains)
{
    /// <summary>Gets the providers by name (case-insensitive).</summary>
    public IReadOnlyDictionary<string, ProviderEntry> Providers { get; } = providers;

    /// <summary>Gets the chains by name, <c>""</c> for the default chain.</summary>
    public IReadOnlyDictionary<string, ChainEntry> Chains { get; } = chains;
}

/// <summary>A provider of a snapshot, with the resilience its HTTP client runs.</summary>
/// <param name="Provider">The provider.</param>
/// <param name="Pipeline">The pipeline of its HTTP client (empty when disabled, for a standard handler, or for a custom provider).</param>
/// <param name="MaxRetryAfter">The longest server delay its pipeline sleeps; a longer one starts a cooldown.</param>
/// <param name="ResilienceSource">The configuration values its pipeline was built from, to keep the pipeline (and its circuit) across reloads that leave them alone.</param>
/// <param name="Identity">What its state belongs to (endpoint, model, key), or <see langword="null"/> for a custom provider, whose state stays in this process.</param>
/// <param name="RateLimit">Its rate budget.</param>
internal sealed record ProviderEntry(
    IChatProvider Provider,
    ResiliencePipeline<HttpResponseMessage> Pipeline,
    TimeSpan MaxRetryAfter,
    string ResilienceSource,
    ProviderIdentity? Identity,
    ProviderRateLimitOptions RateLimit);

/// <summary>A chain of a snapshot: its providers in order and its options, checked by building a client from them.</summary>
internal sealed record ChainEntry(IChatProvider[] Providers, FailoverChatClientOptions Options, FailoverChatClient Client);
