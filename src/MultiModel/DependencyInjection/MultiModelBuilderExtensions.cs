using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using MultiModel;
using MultiModel.DependencyInjection;
using MultiModel.Providers.Claude;
using MultiModel.Providers.Grok;
using MultiModel.Providers.OpenAICompatible;
using MultiModel.Resilience;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds providers to a MultiModel registration, sets their resilience and tunes its chain.</summary>
/// <remarks>
/// <para>
/// Each provider's options are the provider's own option type, named after the provider: configuration
/// (<c>MultiModel:Providers:{name}</c>) is bound first, then the <c>configure</c> callbacks run. Everything is
/// validated when the host starts.
/// </para>
/// </remarks>
public static partial class MultiModelBuilderExtensions
{
    /// <summary>Adds an xAI Grok provider and appends it to the chain's order (unless the order is configured).</summary>
    /// <param name="builder">The MultiModel builder.</param>
    /// <param name="name">The provider's name, unique in the registration.</param>
    /// <param name="configure">Sets the model, key and address, or <see langword="null"/> for the defaults (key from <c>XAI_API_KEY</c>).</param>
    /// <param name="configureHttpClient">Configures the provider's named HttpClient (handlers, primary handler), or <see langword="null"/>.</param>
    /// <returns>The builder, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null or white space.</exception>
    public static IMultiModelBuilder AddGrok(this IMultiModelBuilder builder, string name = "grok", Action<GrokProviderOptions>? configure = null, Action<IHttpClientBuilder>? configureHttpClient = null) =>
        AddKind(builder, name, ProviderKind.Grok, configure, configureHttpClient);

    /// <summary>Adds an Anthropic Claude provider and appends it to the chain's order (unless the order is configured).</summary>
    /// <param name="builder">The MultiModel builder.</param>
    /// <param name="name">The provider's name, unique in the registration.</param>
    /// <param name="configure">Sets the model, key and address, or <see langword="null"/> for the defaults (key from <c>ANTHROPIC_API_KEY</c>).</param>
    /// <param name="configureHttpClient">Configures the provider's named HttpClient (handlers, primary handler), or <see langword="null"/>.</param>
    /// <returns>The builder, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null or white space.</exception>
    public static IMultiModelBuilder AddClaude(this IMultiModelBuilder builder, string name = "claude", Action<ClaudeProviderOptions>? configure = null, Action<IHttpClientBuilder>? configureHttpClient = null) =>
        AddKind(builder, name, ProviderKind.Claude, configure, configureHttpClient);

    /// <summary>Adds any OpenAI-compatible chat-completions endpoint (an aggregator, vLLM, Ollama, …) and appends it to the chain's order.</summary>
    /// <param name="builder">The MultiModel builder.</param>
    /// <param name="name">The provider's name, unique in the registration.</param>
    /// <param name="configure">Sets BaseUrl and Model (both required), the optional key and extra headers.</param>
    /// <param name="configureHttpClient">Configures the provider's named HttpClient, or <see langword="null"/>.</param>
    /// <returns>The builder, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="configure"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null or white space.</exception>
    public static IMultiModelBuilder AddOpenAICompatible(this IMultiModelBuilder builder, string name, Action<OpenAICompatibleProviderOptions> configure, Action<IHttpClientBuilder>? configureHttpClient = null)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return AddKind(builder, name, ProviderKind.OpenAICompatible, configure, configureHttpClient);
    }

    /// <summary>Adds a custom provider created by <paramref name="factory"/> and appends it to the chain's order.</summary>
    /// <param name="builder">The MultiModel builder.</param>
    /// <param name="name">The provider's name; it should match the provider's <see cref="IChatProvider.Name"/>.</param>
    /// <param name="factory">Creates the provider (once, when the host starts).</param>
    /// <returns>The builder, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="factory"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null or white space.</exception>
    public static IMultiModelBuilder AddProvider(this IMultiModelBuilder builder, string name, Func<IServiceProvider, IChatProvider> factory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(factory);
        ProviderRegistrations.GetOrAdd(builder.Services).AddCustom(builder.Name ?? string.Empty, name, factory);
        return builder;
    }

    /// <summary>Sets the resilience of a provider's HTTP client (bound first from <c>MultiModel:Providers:{name}:Resilience</c>).</summary>
    /// <param name="builder">The MultiModel builder.</param>
    /// <param name="providerName">The provider's name.</param>
    /// <param name="configure">Changes the retry, circuit breaker and timeout settings.</param>
    /// <returns>The builder, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="configure"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="providerName"/> is null or white space.</exception>
    public static IMultiModelBuilder ConfigureResilience(this IMultiModelBuilder builder, string providerName, Action<ProviderResilienceOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(providerName);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.Configure(providerName, configure);
        return builder;
    }

    /// <summary>Sets a provider's rate budget (bound first from <c>MultiModel:Providers:{name}:RateLimit</c>): the requests and tokens per minute the chains may send it.</summary>
    /// <param name="builder">The MultiModel builder.</param>
    /// <param name="providerName">The provider's name.</param>
    /// <param name="configure">Sets <see cref="ProviderRateLimitOptions.RequestsPerMinute"/> and <see cref="ProviderRateLimitOptions.TokensPerMinute"/>.</param>
    /// <returns>The builder, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="configure"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="providerName"/> is null or white space.</exception>
    /// <remarks>A call that would exceed the budget skips the provider instead of waiting; the registered health store keeps the budget (per process by default).</remarks>
    public static IMultiModelBuilder ConfigureRateLimit(this IMultiModelBuilder builder, string providerName, Action<ProviderRateLimitOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(providerName);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.Configure(providerName, configure);
        return builder;
    }

    /// <summary>
    /// Gives a provider Microsoft.Extensions.Http.Resilience's standard handler instead of MultiModel's pipeline, its
    /// options bound from <c>MultiModel:Providers:{name}:StandardResilience</c>; the chain still skips the provider while
    /// it cools down or its circuit is open.
    /// </summary>
    /// <param name="builder">The MultiModel builder.</param>
    /// <param name="providerName">The provider's name.</param>
    /// <returns>The standard handler's builder, to configure its options further.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="providerName"/> is null or white space.</exception>
    /// <remarks>
    /// <para>
    /// MultiModel adds its rules to the standard options: <c>x-should-retry</c> is obeyed, a server delay above the
    /// provider's <c>Resilience:Retry:MaxRetryAfter</c> is not slept but starts a cooldown, the breaker's transitions
    /// reach the health store, and each try ends before the failover attempt's deadline. The standard defaults
    /// (3 retries from 2 s, a breaker that needs 100 calls in 30 s) suit high-volume traffic, not a chain of two providers.
    /// </para>
    /// </remarks>
    public static IHttpStandardResiliencePipelineBuilder UseStandardResilienceHandler(this IMultiModelBuilder builder, string providerName)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(providerName);
        ProviderRegistrations.GetOrAdd(builder.Services).UseStandardHandler(providerName);
        var standard = builder.GetHttpClientBuilder(providerName).AddStandardResilienceHandler();
        builder.Services.AddOptions<HttpStandardResilienceOptions>(standard.PipelineName).Configure<IServiceProvider>((options, services) =>
        {
            if (services.GetService<IConfiguration>()?.GetSection(ConfigurationPaths.StandardResilience(providerName)) is { } section && section.Exists())
            {
                SectionBinder<HttpStandardResilienceOptions>.Bind(
                    standard.PipelineName, section, () => section.Bind(options, SectionBinder<HttpStandardResilienceOptions>.Strict));
            }
        });
        builder.Services.AddSingleton<IPostConfigureOptions<HttpStandardResilienceOptions>>(services =>
            new StandardHandlerRules(standard.PipelineName, providerName, services));
        return standard;
    }

    /// <summary>Gets the builder of a provider's named HttpClient, to add handlers or replace its primary handler.</summary>
    /// <param name="builder">The MultiModel builder.</param>
    /// <param name="providerName">The provider's name.</param>
    /// <returns>The provider's <see cref="IHttpClientBuilder"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="providerName"/> is null or white space.</exception>
    /// <remarks>Handlers added here run inside the provider's resilience handler, once per try.</remarks>
    public static IHttpClientBuilder GetHttpClientBuilder(this IMultiModelBuilder builder, string providerName)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(providerName);
        return builder.Services.AddHttpClient(ProviderRegistrations.HttpClientName(providerName));
    }

    private static IMultiModelBuilder AddKind<TOptions>(IMultiModelBuilder builder, string name, ProviderKind kind, Action<TOptions>? configure, Action<IHttpClientBuilder>? configureHttpClient)
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ProviderRegistrations.GetOrAdd(builder.Services).AddProvider(builder.Name ?? string.Empty, name, kind);
        if (configure is not null)
        {
            builder.Services.Configure(name, configure);
        }

        configureHttpClient?.Invoke(builder.GetHttpClientBuilder(name));
        return builder;
    }
}
