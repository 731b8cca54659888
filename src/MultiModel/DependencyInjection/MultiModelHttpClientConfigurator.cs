using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;
using MultiModel.Resilience;

namespace MultiModel.DependencyInjection;

/// <summary>
/// Configures every provider's named HttpClient: no HttpClient.Timeout (the pipeline owns timeouts, and a long stream
/// must not be cut), pooled connections that are recycled, and the provider's resilience pipeline outermost.
/// </summary>
internal sealed class MultiModelHttpClientConfigurator : IConfigureNamedOptions<HttpClientFactoryOptions>
{
    private readonly IOptionsMonitor<MultiModelOptions> _options;
    private readonly ProviderHealthRegistry _health;
    private readonly TimeProvider _timeProvider;

    public MultiModelHttpClientConfigurator(IOptionsMonitor<MultiModelOptions> options, ProviderHealthRegistry health, TimeProvider timeProvider)
    {
        _options = options;
        _health = health;
        _timeProvider = timeProvider;
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
        options.HttpClientActions.Add(static client => client.Timeout = Timeout.InfiniteTimeSpan);
        options.HttpMessageHandlerBuilderActions.Add(builder =>
        {
            // Runs first, so a user's ConfigurePrimaryHttpMessageHandler still replaces this default.
            builder.PrimaryHandler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) };

            var resilience = _options.CurrentValue.Providers.TryGetValue(providerName, out var provider) ? provider.Resilience : new ProviderResilienceOptions();
            if (resilience.Enabled)
            {
                builder.AdditionalHandlers.Insert(0, new ProviderResilienceHandler(
                    providerName, _health.GetPipeline(providerName, resilience), resilience, _health.GetRecord(providerName), _timeProvider));
            }
        });
    }
}
