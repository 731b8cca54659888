using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using MultiModel.Resilience;

namespace MultiModel.DependencyInjection;

/// <summary>
/// Configures every provider's named HttpClient: no HttpClient.Timeout (the pipeline owns timeouts, and a long stream
/// must not be cut), pooled connections that are recycled, no IHttpClientFactory logging handlers (MultiModel's
/// attempt logs say the same; <c>AddDefaultLogger()</c> on the provider's client builder brings them back), and
/// outermost the health observer and the provider's resilience handler (unless the provider runs the standard
/// handler, which then sits inside the observer).
/// </summary>
internal sealed class MultiModelHttpClientConfigurator : IConfigureNamedOptions<HttpClientFactoryOptions>
{
    private readonly IServiceProvider _services;
    private readonly ProviderRegistrations _registrations;

    public MultiModelHttpClientConfigurator(IServiceProvider services, ProviderRegistrations registrations)
    {
        _services = services;
        _registrations = registrations;
    }

    public void Configure(HttpClientFactoryOptions options)
    {
    }

    public void Configure(string? name, HttpClientFactoryOptions options)
    {
        if (name is null || !name.StartsWith(ProviderRegistrations.ClientNamePrefix, StringComparison.Ordinal))
        {
            return;
        }

        var providerName = name[ProviderRegistrations.ClientNamePrefix.Length..];
        RemoveAllLoggers(name, options);
        options.HttpClientActions.Add(static client => client.Timeout = Timeout.InfiniteTimeSpan);
        options.HttpMessageHandlerBuilderActions.Add(builder =>
        {
            // Runs first, so a user's ConfigurePrimaryHttpMessageHandler still replaces this default.
            builder.PrimaryHandler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) };

            // The runtime is resolved here, not in the constructor: it creates the clients this configures.
            var runtime = _services.GetRequiredService<MultiModelRuntime>();
            var resilience = _services.GetRequiredService<ProviderResilienceFactory>();
            builder.AdditionalHandlers.Insert(0, resilience.CreateObserver(providerName, () => runtime.MaxRetryAfterFor(providerName)));
            if (!_registrations.UsesStandardHandler(providerName))
            {
                builder.AdditionalHandlers.Insert(1, new ResilienceHandler(_ => runtime.PipelineFor(providerName)));
            }
        });
    }

    /// <summary>
    /// Applies <see cref="HttpClientBuilderExtensions.RemoveAllLoggers"/> to one client's options: the extension records
    /// its change as options configuration, which is captured from a scratch collection and run here.
    /// </summary>
    private static void RemoveAllLoggers(string name, HttpClientFactoryOptions options)
    {
        var scratch = new ServiceCollection();
        new ScratchClientBuilder(name, scratch).RemoveAllLoggers();
        foreach (var descriptor in scratch)
        {
            if (descriptor.ImplementationInstance is IConfigureNamedOptions<HttpClientFactoryOptions> configure)
            {
                configure.Configure(name, options);
            }
        }
    }

    private sealed class ScratchClientBuilder(string name, IServiceCollection services) : IHttpClientBuilder
    {
        public string Name { get; } = name;

        public IServiceCollection Services { get; } = services;
    }
}
