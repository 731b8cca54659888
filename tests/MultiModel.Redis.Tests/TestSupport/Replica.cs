using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using MultiModel.Failover;
using MultiModel.Resilience;
using MultiModel.Testing;

namespace MultiModel.Redis.Tests.TestSupport;

/// <summary>One replica of a service: its own host and DI container, Claude then Grok on the provider emulator, shared state on the test's server.</summary>
internal sealed class Replica : IAsyncDisposable
{
    private readonly IHost _host;

    private Replica(IHost host)
    {
        _host = host;
    }

    public IServiceProvider Services => _host.Services;

    public FailoverChatClient Chain => Services.GetRequiredService<FailoverChatClient>();

    public IProviderHealthStore Store => Services.GetRequiredService<IProviderHealthStore>();

    public FakeLogCollector Logs => Services.GetFakeLogCollector();

    /// <summary>Starts a replica; <paramref name="settings"/> are added to (or override) the defaults.</summary>
    public static async Task<Replica> StartAsync(TestRedis redis, ProviderEmulator emulator, TimeProvider? time = null, params (string Key, string? Value)[] settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        var values = new Dictionary<string, string?>
        {
            ["MultiModel:Order:0"] = "claude",
            ["MultiModel:Order:1"] = "grok",
            ["MultiModel:Providers:claude:Kind"] = "Claude",
            ["MultiModel:Providers:claude:BaseUrl"] = emulator.AnthropicBaseUrl.ToString(),
            ["MultiModel:Providers:claude:ApiKey"] = emulator.Anthropic.ApiKey,
            ["MultiModel:Providers:claude:Resilience:Retry:MaxRetryAttempts"] = "0",
            ["MultiModel:Providers:claude:Resilience:Retry:MaxRetryAfter"] = "00:00:05",
            ["MultiModel:Providers:grok:Kind"] = "Grok",
            ["MultiModel:Providers:grok:BaseUrl"] = emulator.XaiBaseUrl.ToString(),
            ["MultiModel:Providers:grok:ApiKey"] = emulator.Xai.ApiKey,
            ["MultiModel:Providers:grok:Resilience:Retry:MaxRetryAttempts"] = "0",
            ["MultiModel:SharedState:Redis:Configuration"] = redis.Configuration,
            ["MultiModel:SharedState:Redis:KeyPrefix"] = redis.KeyPrefix,
        };
        foreach (var (key, value) in settings)
        {
            values[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(values);
        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }

        builder.Services.AddFakeLogging(options => options.CollectRecordsForDisabledLogLevels = false);
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        builder.Services.AddMultiModel().AddRedisSharedState().AddHealthCheck();
        var host = builder.Build();
        await host.StartAsync();
        return new Replica(host);
    }

    public Task<ChatResponse> AskAsync(string prompt = "Status of the telemetry pass?", int? maxOutputTokens = null) =>
        Chain.GetResponseAsync(new ChatRequest(prompt) { MaxOutputTokens = maxOutputTokens });

    public async Task<HealthReportEntry> SharedStateHealthAsync() =>
        (await Services.GetRequiredService<HealthCheckService>().CheckHealthAsync()).Entries[MultiModelRedisBuilderExtensions.HealthCheckName];

    /// <summary>Gets the log records of one event id.</summary>
    public IReadOnlyList<FakeLogRecord> Events(int eventId) => Logs.GetSnapshot().Where(r => r.Id.Id == eventId).ToList();

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        await ((IAsyncDisposable)_host).DisposeAsync();
    }
}
