using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MultiModel;
using MultiModel.DependencyInjection;
using MultiModel.Diagnostics;
using MultiModel.Failover;
using MultiModel.Resilience;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers MultiModel providers and failover chains in a service collection.</summary>
public static class MultiModelServiceCollectionExtensions
{
    /// <summary>Registers the default MultiModel chain: a <see cref="FailoverChatClient"/> (also the default <see cref="IChatProvider"/>) over the configured providers.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Configures the options after they are bound from the <c>MultiModel</c> configuration section, or <see langword="null"/>.</param>
    /// <returns>A builder to add providers and tune the chain.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is <see langword="null"/>.</exception>
    /// <remarks>
    /// <para>
    /// Options are bound from the <c>MultiModel</c> section of the registered <see cref="IConfiguration"/> (when there is
    /// one) and validated when the host starts. Each provider is also registered as a keyed <see cref="IChatProvider"/>
    /// under its name and gets a named HttpClient (<c>MultiModel.{name}</c>) with its resilience pipeline.
    /// </para>
    /// </remarks>
    public static IMultiModelBuilder AddMultiModel(this IServiceCollection services, Action<MultiModelOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        AddCore(services);
        AddOptions(services, Options.Options.DefaultName, MultiModelOptions.SectionName, configure);

        services.TryAddSingleton(static sp => sp.GetRequiredService<FailoverChainFactory>().Create(null));
        services.TryAddSingleton<IChatProvider>(static sp => sp.GetRequiredService<FailoverChatClient>());
        return new MultiModelBuilder(services, null);
    }

    /// <summary>Registers a named MultiModel chain, resolved as a keyed <see cref="FailoverChatClient"/> (and keyed <see cref="IChatProvider"/>) under <paramref name="name"/>.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="name">The chain's name, for example <c>coding</c>.</param>
    /// <param name="configure">Configures the chain's order, confidence and failover settings, or <see langword="null"/>.</param>
    /// <returns>A builder to add providers and tune the chain.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null or white space.</exception>
    /// <remarks>
    /// <para>
    /// The chain's settings are bound from <c>MultiModel:Chains:{name}</c> (Order, Confidence, Failover); its providers are
    /// the ones of the default registration (<c>MultiModel:Providers</c> and the ones added in code).
    /// </para>
    /// </remarks>
    public static IMultiModelBuilder AddMultiModel(this IServiceCollection services, string name, Action<MultiModelOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        AddCore(services);
        if (ProviderRegistrations.GetOrAdd(services).AddChain(name))
        {
            AddOptions(services, name, $"{MultiModelOptions.SectionName}:Chains:{name}", configure: null);
            services.AddKeyedSingleton(name, static (sp, key) => sp.GetRequiredService<FailoverChainFactory>().Create((string)key!));
            services.AddKeyedSingleton<IChatProvider>(name, static (sp, key) => sp.GetRequiredKeyedService<FailoverChatClient>(key));
        }

        if (configure is not null)
        {
            services.Configure(name, configure);
        }

        return new MultiModelBuilder(services, name);
    }

    private static void AddCore(IServiceCollection services)
    {
        services.AddOptions();
        services.AddHttpClient();
        services.TryAddSingleton(TimeProvider.System);
        ProviderRegistrations.GetOrAdd(services);
        services.TryAddSingleton(static sp =>
        {
            var registry = new ProviderHealthRegistry(sp.GetRequiredService<TimeProvider>());
            ProviderHealthTelemetry.Observe(registry, sp.GetService<ILoggerFactory>(), sp.GetService<IMeterFactory>());
            return registry;
        });
        services.TryAddSingleton<ChatProviderRegistry>();
        services.TryAddSingleton<FailoverChainFactory>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MultiModelOptions>, MultiModelOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<MultiModelOptions>, MultiModelOptionsPostConfigure>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<HttpClientFactoryOptions>, MultiModelHttpClientConfigurator>());
        services.TryAddKeyedSingleton<IChatProvider>(
            KeyedService.AnyKey,
            static (sp, key) => sp.GetRequiredService<ChatProviderRegistry>().Get(key as string ?? throw new InvalidOperationException("MultiModel providers are keyed by their name (a string).")));
    }

    private static void AddOptions(IServiceCollection services, string name, string sectionPath, Action<MultiModelOptions>? configure)
    {
        if (!ProviderRegistrations.GetOrAdd(services).MarkBound(name))
        {
            // Called again for the same chain: bind once (a second bind would repeat list entries such as Order).
            if (configure is not null)
            {
                services.Configure(name, configure);
            }

            return;
        }

        services.AddSingleton<IConfigureOptions<MultiModelOptions>>(sp => new ConfigureNamedOptions<MultiModelOptions>(name, options =>
        {
            if (sp.GetService<IConfiguration>() is { } configuration)
            {
                configuration.GetSection(sectionPath).Bind(options);
            }
        }));
        services.AddSingleton<IOptionsChangeTokenSource<MultiModelOptions>>(sp =>
            new ConfigurationChangeTokenSource<MultiModelOptions>(name, sp.GetService<IConfiguration>() ?? new ConfigurationBuilder().Build()));

        if (configure is not null)
        {
            services.Configure(name, configure);
        }

        services.AddOptions<MultiModelOptions>(name).ValidateOnStart();
    }
}
