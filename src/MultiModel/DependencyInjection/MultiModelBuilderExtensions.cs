using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using MultiModel;
using MultiModel.Confidence;
using MultiModel.DependencyInjection;
using MultiModel.Failover;
using MultiModel.Resilience;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds providers to a MultiModel registration and tunes its chain.</summary>
public static class MultiModelBuilderExtensions
{
    /// <summary>Adds an xAI Grok provider and appends it to the chain's order (unless the order is configured).</summary>
    /// <param name="builder">The MultiModel builder.</param>
    /// <param name="name">The provider's name, unique in the registration.</param>
    /// <param name="configure">Sets the model, key, address and resilience, or <see langword="null"/> for the defaults (key from <c>XAI_API_KEY</c>).</param>
    /// <param name="configureHttpClient">Configures the provider's named HttpClient (handlers, primary handler), or <see langword="null"/>.</param>
    /// <returns>The builder, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null or white space.</exception>
    public static IMultiModelBuilder AddGrok(this IMultiModelBuilder builder, string name = "grok", Action<MultiModelProviderOptions>? configure = null, Action<IHttpClientBuilder>? configureHttpClient = null) =>
        AddKind(builder, name, "Grok", configure, configureHttpClient);

    /// <summary>Adds an Anthropic Claude provider and appends it to the chain's order (unless the order is configured).</summary>
    /// <param name="builder">The MultiModel builder.</param>
    /// <param name="name">The provider's name, unique in the registration.</param>
    /// <param name="configure">Sets the model, key, address and resilience, or <see langword="null"/> for the defaults (key from <c>ANTHROPIC_API_KEY</c>).</param>
    /// <param name="configureHttpClient">Configures the provider's named HttpClient (handlers, primary handler), or <see langword="null"/>.</param>
    /// <returns>The builder, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null or white space.</exception>
    public static IMultiModelBuilder AddClaude(this IMultiModelBuilder builder, string name = "claude", Action<MultiModelProviderOptions>? configure = null, Action<IHttpClientBuilder>? configureHttpClient = null) =>
        AddKind(builder, name, "Claude", configure, configureHttpClient);

    /// <summary>Adds any OpenAI-compatible chat-completions endpoint (an aggregator, vLLM, Ollama, …) and appends it to the chain's order.</summary>
    /// <param name="builder">The MultiModel builder.</param>
    /// <param name="name">The provider's name, unique in the registration.</param>
    /// <param name="configure">Sets BaseUrl and Model (both required), the optional key and extra headers.</param>
    /// <param name="configureHttpClient">Configures the provider's named HttpClient, or <see langword="null"/>.</param>
    /// <returns>The builder, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="configure"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null or white space.</exception>
    public static IMultiModelBuilder AddOpenAICompatible(this IMultiModelBuilder builder, string name, Action<MultiModelProviderOptions> configure, Action<IHttpClientBuilder>? configureHttpClient = null)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return AddKind(builder, name, "OpenAICompatible", configure, configureHttpClient);
    }

    /// <summary>Adds a custom provider created by <paramref name="factory"/> and appends it to the chain's order.</summary>
    /// <param name="builder">The MultiModel builder.</param>
    /// <param name="name">The provider's name; it should match the provider's <see cref="IChatProvider.Name"/>.</param>
    /// <param name="factory">Creates the provider (once).</param>
    /// <returns>The builder, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="factory"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null or white space.</exception>
    public static IMultiModelBuilder AddProvider(this IMultiModelBuilder builder, string name, Func<IServiceProvider, IChatProvider> factory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(factory);
        var registrations = ProviderRegistrations.GetOrAdd(builder.Services);
        registrations.AddCustom(name, factory);
        registrations.NoteProvider(builder.Name ?? string.Empty, name);
        return builder;
    }

    /// <summary>Gets the builder of a provider's named HttpClient, to add handlers (for example Microsoft.Extensions.Http.Resilience's standard handler, after turning <see cref="ProviderResilienceOptions.Enabled"/> off).</summary>
    /// <param name="builder">The MultiModel builder.</param>
    /// <param name="providerName">The provider's name.</param>
    /// <returns>The provider's <see cref="IHttpClientBuilder"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="providerName"/> is null or white space.</exception>
    public static IHttpClientBuilder GetHttpClientBuilder(this IMultiModelBuilder builder, string providerName)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(providerName);
        return builder.Services.AddHttpClient(ProviderRegistrations.HttpClientName(providerName));
    }

    /// <summary>Sets the order in which this chain tries providers.</summary>
    /// <param name="builder">The MultiModel builder.</param>
    /// <param name="providerNames">The provider names, first tried first.</param>
    /// <returns>The builder, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="providerNames"/> is <see langword="null"/>.</exception>
    public static IMultiModelBuilder WithOrder(this IMultiModelBuilder builder, params string[] providerNames)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(providerNames);
        string[] order = [.. providerNames];
        builder.Services.Configure<MultiModelOptions>(builder.Name ?? Options.Options.DefaultName, options => options.Order = [.. order]);
        return builder;
    }

    /// <summary>Sets this chain's confidence bar.</summary>
    /// <param name="builder">The MultiModel builder.</param>
    /// <param name="threshold">The confidence an answer needs, from 0 to 1.</param>
    /// <param name="whenNoneMeetsThreshold">What happens when no answer meets it.</param>
    /// <returns>The builder, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    public static IMultiModelBuilder WithConfidenceThreshold(this IMultiModelBuilder builder, double threshold, BelowThresholdBehavior whenNoneMeetsThreshold = BelowThresholdBehavior.Throw)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Configure<MultiModelOptions>(builder.Name ?? Options.Options.DefaultName, options =>
        {
            options.Confidence.Threshold = threshold;
            options.Confidence.WhenNoneMeetsThreshold = whenNoneMeetsThreshold;
        });
        return builder;
    }

    /// <summary>Sets this chain's failover settings: attempt timeout, attempt limit, hedging and stream head buffer.</summary>
    /// <param name="builder">The MultiModel builder.</param>
    /// <param name="configure">Changes the settings.</param>
    /// <returns>The builder, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="configure"/> is <see langword="null"/>.</exception>
    public static IMultiModelBuilder ConfigureFailover(this IMultiModelBuilder builder, Action<MultiModelFailoverOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.Configure<MultiModelOptions>(builder.Name ?? Options.Options.DefaultName, options => configure(options.Failover));
        return builder;
    }

    /// <summary>Adjusts the chain's <see cref="FailoverChatClientOptions"/> each time the chain is (re)built: scorers, classifier, attempt callback.</summary>
    /// <param name="builder">The MultiModel builder.</param>
    /// <param name="configure">Changes the options; it receives the service provider to resolve dependencies.</param>
    /// <returns>The builder, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="configure"/> is <see langword="null"/>.</exception>
    public static IMultiModelBuilder ConfigureChain(this IMultiModelBuilder builder, Action<IServiceProvider, FailoverChatClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        ProviderRegistrations.GetOrAdd(builder.Services).AddChainHook(builder.Name ?? Options.Options.DefaultName, configure);
        return builder;
    }

    /// <summary>Adds a confidence scorer (a validator, a judge, …) to this chain's policy.</summary>
    /// <param name="builder">The MultiModel builder.</param>
    /// <param name="scorer">The scorer; it must be thread-safe.</param>
    /// <returns>The builder, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="scorer"/> is <see langword="null"/>.</exception>
    public static IMultiModelBuilder AddConfidenceScorer(this IMultiModelBuilder builder, IConfidenceScorer scorer)
    {
        ArgumentNullException.ThrowIfNull(scorer);
        return builder.ConfigureChain((_, options) => options.Confidence.Scorers.Add(scorer));
    }

    /// <summary>Adds a health check reporting each provider: healthy, degraded (cooling down) or unhealthy (circuit open).</summary>
    /// <param name="builder">The MultiModel builder.</param>
    /// <param name="name">The health check's name.</param>
    /// <param name="failureStatus">The status reported when no provider can answer.</param>
    /// <returns>The builder, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    public static IMultiModelBuilder AddHealthCheck(this IMultiModelBuilder builder, string name = "multimodel", HealthStatus failureStatus = HealthStatus.Unhealthy)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            name,
            static sp => ActivatorUtilities.CreateInstance<MultiModelHealthCheck>(sp),
            failureStatus,
            tags: ["multimodel"]));
        return builder;
    }

    private static IMultiModelBuilder AddKind(IMultiModelBuilder builder, string name, string kind, Action<MultiModelProviderOptions>? configure, Action<IHttpClientBuilder>? configureHttpClient)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        builder.Services.Configure<MultiModelOptions>(options =>
        {
            if (!options.Providers.TryGetValue(name, out var provider) || provider is null)
            {
                options.Providers[name] = provider = new MultiModelProviderOptions();
            }

            provider.Kind = kind;
            configure?.Invoke(provider);
        });
        ProviderRegistrations.GetOrAdd(builder.Services).NoteProvider(builder.Name ?? string.Empty, name);
        configureHttpClient?.Invoke(builder.GetHttpClientBuilder(name));
        return builder;
    }
}
