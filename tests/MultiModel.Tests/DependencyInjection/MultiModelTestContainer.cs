using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MultiModel.DependencyInjection;
using MultiModel.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace MultiModel.Tests.DependencyInjection;

/// <summary>A real DI container with MultiModel registered from configuration, MockHttp per provider and a manual clock.</summary>
internal sealed class MultiModelTestContainer : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    private MultiModelTestContainer(ServiceProvider provider, IConfigurationRoot configuration, ManualTimeProvider time, IReadOnlyDictionary<string, MockHttpMessageHandler> http)
    {
        _provider = provider;
        Configuration = configuration;
        Time = time;
        Http = http;
    }

    public IServiceProvider Services => _provider;

    public IConfigurationRoot Configuration { get; }

    public ManualTimeProvider Time { get; }

    public IReadOnlyDictionary<string, MockHttpMessageHandler> Http { get; }

    /// <summary>Builds a container; <paramref name="providerNames"/> get a MockHttp primary handler each (unmatched requests fail).</summary>
    public static MultiModelTestContainer Create(
        IDictionary<string, string?> settings,
        IEnumerable<string> providerNames,
        Action<IServiceCollection, IMultiModelBuilder>? configure = null,
        bool validate = true)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var time = new ManualTimeProvider();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<TimeProvider>(time);
        var builder = services.AddMultiModel();
        var http = new Dictionary<string, MockHttpMessageHandler>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in providerNames)
        {
            var mock = new MockHttpMessageHandler();
            mock.Fallback.Throw(new InvalidOperationException($"Unexpected request to provider {name}."));
            http[name] = mock;
            builder.GetHttpClientBuilder(name).ConfigurePrimaryHttpMessageHandler(() => mock);
        }

        configure?.Invoke(services, builder);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        if (validate)
        {
            provider.GetRequiredService<IStartupValidator>().Validate();
        }

        return new MultiModelTestContainer(provider, configuration, time, http);
    }

    /// <summary>Settings for a Grok-then-Claude chain with retries off (each test turns on what it studies).</summary>
    public static Dictionary<string, string?> GrokThenClaude(params (string Key, string? Value)[] extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["MultiModel:Order:0"] = "grok",
            ["MultiModel:Order:1"] = "claude",
            ["MultiModel:Providers:grok:Kind"] = "Grok",
            ["MultiModel:Providers:grok:ApiKey"] = "grok-test-key",
            ["MultiModel:Providers:grok:Resilience:Retry:MaxRetryAttempts"] = "0",
            ["MultiModel:Providers:claude:Kind"] = "Claude",
            ["MultiModel:Providers:claude:ApiKey"] = "claude-test-key",
            ["MultiModel:Providers:claude:Resilience:Retry:MaxRetryAttempts"] = "0",
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return settings;
    }

    public T Get<T>()
        where T : notnull => _provider.GetRequiredService<T>();

    public MultiModelOptions Options => _provider.GetRequiredService<IOptionsMonitor<MultiModelOptions>>().CurrentValue;

    public async ValueTask DisposeAsync()
    {
        await _provider.DisposeAsync();
        foreach (var mock in Http.Values)
        {
            mock.Dispose();
        }
    }
}
