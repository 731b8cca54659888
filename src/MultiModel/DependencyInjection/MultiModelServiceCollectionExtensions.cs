using System.Diagnostics.CodeAnalysis;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MultiModel;
using MultiModel.DependencyInjection;
using MultiModel.Failover;
using MultiModel.Resilience;
using Polly.Telemetry;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers MultiModel providers and failover chains in a service collection.</summary>
public static class MultiModelServiceCollectionExtensions
{
    /// <summary>Registers the default MultiModel chain: a <see cref="FailoverChatClient"/> (also the default <see cref="IChatProvider"/>) over the configured providers.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Configures the chain's order after it is bound from the <c>MultiModel</c> configuration section, or <see langword="null"/>.</param>
    /// <returns>A builder to add providers and tune the chain.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is <see langword="null"/>.</exception>
    /// <remarks>
    /// <para>
    /// Configuration (the registered <see cref="IConfiguration"/>, when there is one) binds straight into the library's
    /// option types, named per chain and per provider (see <see cref="MultiModelOptions"/>); code configuration runs
    /// after it. Everything is validated as a whole when the host starts (every message names its configuration path),
    /// and again when the configuration reloads: a valid reload applies whole to the calls that start afterwards, an
    /// invalid one is logged and changes nothing. Each provider is also registered as a keyed <see cref="IChatProvider"/>
    /// under its name and gets a named HttpClient (<c>MultiModel.{name}</c>) with its resilience handler; provider health
    /// lives in the registered <see cref="IProviderHealthStore"/> (in process by default).
    /// </para>
    /// </remarks>
    [SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "The overloads differ in a required parameter's type, so a call never binds ambiguously.")]
    public static IMultiModelBuilder AddMultiModel(this IServiceCollection services, Action<MultiModelOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var registrations = AddCore(services);
        if (registrations.AddChain(Options.Options.DefaultName))
        {
            services.TryAddSingleton(static sp => sp.GetRequiredService<MultiModelRuntime>().GetChain(null));
            services.TryAddSingleton<IChatProvider>(static sp => sp.GetRequiredService<FailoverChatClient>());
        }

        if (configure is not null)
        {
            services.Configure(configure);
        }

        return new MultiModelBuilder(services, null);
    }

    /// <summary>Registers a named MultiModel chain, resolved as a keyed <see cref="FailoverChatClient"/> (and keyed <see cref="IChatProvider"/>) under <paramref name="name"/>.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="name">The chain's name, for example <c>coding</c>.</param>
    /// <param name="configure">Configures the chain's order, or <see langword="null"/>.</param>
    /// <returns>A builder to add providers and tune the chain.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null or white space.</exception>
    /// <remarks>
    /// <para>
    /// The chain's settings are bound from <c>MultiModel:Chains:{name}</c> (Order, Confidence, Failover); its providers are
    /// the registration's (<c>MultiModel:Providers</c> and the ones added in code).
    /// </para>
    /// </remarks>
    [SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "The overloads differ in a required parameter's type, so a call never binds ambiguously.")]
    public static IMultiModelBuilder AddMultiModel(this IServiceCollection services, string name, Action<MultiModelOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var registrations = AddCore(services);
        if (registrations.AddChain(name))
        {
            services.AddKeyedSingleton(name, static (sp, key) => sp.GetRequiredService<MultiModelRuntime>().GetChain((string)key!));
            services.AddKeyedSingleton<IChatProvider>(name, static (sp, key) => sp.GetRequiredKeyedService<FailoverChatClient>(key));
        }

        if (configure is not null)
        {
            services.Configure(name, configure);
        }

        return new MultiModelBuilder(services, name);
    }

    private static ProviderRegistrations AddCore(IServiceCollection services)
    {
        var registrations = ProviderRegistrations.GetOrAdd(services, out var created);
        if (!created)
        {
            return registrations;
        }

        services.AddOptions();
        services.AddHttpClient();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IProviderHealthStore, InMemoryProviderHealthStore>();
        services.TryAddSingleton(static sp => new ProviderResilienceFactory(
            sp.GetRequiredService<IProviderHealthStore>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILoggerFactory>(),
            sp.GetService<IMeterFactory>(),
            sp.GetRequiredService<IOptions<TelemetryOptions>>().Value));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<TelemetryOptions>, PollyTelemetrySetup>());
        MultiModelOptionsSetup.Add(services, registrations);
        services.TryAddSingleton<MultiModelRuntime>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<HttpClientFactoryOptions>, MultiModelHttpClientConfigurator>());
        services.TryAddKeyedTransient<IChatProvider>(
            KeyedService.AnyKey,
            static (sp, key) => sp.GetRequiredService<MultiModelRuntime>().GetProvider(key as string ?? throw new InvalidOperationException("MultiModel providers are keyed by their name (a string).")));
        services.AddOptions<MultiModelStartup>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MultiModelStartup>, MultiModelStartupValidator>());
        return registrations;
    }

    /// <summary>Adds the provider name to Polly's metrics and keeps Polly from warning again about what MultiModel logs, for standard handlers too.</summary>
    private sealed class PollyTelemetrySetup(ILoggerFactory? loggerFactory = null) : IPostConfigureOptions<TelemetryOptions>
    {
        public void PostConfigure(string? name, TelemetryOptions options) => PollyTelemetry.Apply(options, loggerFactory);
    }
}
