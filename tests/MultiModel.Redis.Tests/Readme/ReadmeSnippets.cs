using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using MultiModel.Failover;
using MultiModel.Redis.Tests.TestSupport;
using MultiModel.Resilience;
using MultiModel.Testing;

namespace MultiModel.Redis.Tests.Readme;

/// <summary>
/// The shared-state C# code of README.md: each <c>snippet:NAME</c> region is the README block of that name, word for
/// word (the main test project's ReadmeSnippetTests checks it), and each test runs it against the provider emulator
/// and the test's Redis-compatible server.
/// </summary>
public class ReadmeSnippets
{
    [Test]
    public async Task SharedState_FromConfiguration_SecondReplicaSkipsWhatTheFirstLearned()
    {
        await using var redis = await TestRedis.StartAsync();
        await using var emulator = await ProviderEmulator.StartAsync();
        emulator.Anthropic.Enqueue(EmulatorBehavior.RateLimited(TimeSpan.FromMinutes(2)));
        var first = await StartReplicaAsync(redis, emulator);
        await first.Services.GetRequiredService<IChatProvider>().GetResponseAsync(new ChatRequest("Status?"));
        await redis.WaitForKeyAsync("cooldown:*"); // the first replica's write has landed: the second starts afterwards

        var second = await StartReplicaAsync(redis, emulator);
        var answer = await second.Services.GetRequiredService<IChatProvider>().GetResponseAsync(new ChatRequest("Status?"));

        Assert.That(answer.ProviderName, Is.EqualTo("grok"));
        Assert.That(answer.Attempts[0].SkipReason, Is.EqualTo("cooldown"));
        Assert.That(emulator.Anthropic.RequestCount, Is.EqualTo(1));
        foreach (var host in new[] { first, second })
        {
            await host.StopAsync();
            host.Dispose();
        }
    }

    [Test]
    public async Task SharedStateMultiplexer_ExistingConnection_PrefixAndCircuitsApply()
    {
        await using var redis = await TestRedis.StartAsync();
        await using var multiplexer = await redis.ConnectAsync();
        var services = new ServiceCollection();

        #region snippet:shared-state-multiplexer
        services.AddMultiModel()
            .AddRedisSharedState(multiplexer, shared =>
            {
                shared.KeyPrefix = "billing-api";  // several deployments on one server
                shared.ShareCircuits = true;       // skip a provider fleet-wide once CircuitQuorum replicas see its circuit open
            });
        #endregion

        services.AddMultiModel().AddGrok(configure: grok => (grok.BaseUrl, grok.ApiKey) = (new Uri("http://127.0.0.1:9/v1"), Guid.NewGuid().ToString()));
        var server = multiplexer.GetServer(multiplexer.GetEndPoints()[0]);
        await using (var provider = services.BuildServiceProvider())
        {
            provider.GetRequiredService<IStartupValidator>().Validate();
            var store = provider.GetRequiredService<MultiModel.Resilience.IProviderHealthStore>();
            store.ReportCircuitOpened("grok", DateTimeOffset.UtcNow.AddMinutes(1));

            await Eventually.WaitAsync(() => server.Keys(pattern: "billing-api:circuit:*").Any(), TimeSpan.FromSeconds(5), "the circuit report is written under the prefix");
            Assert.That(store.GetHealth("grok").State, Is.EqualTo(ProviderHealthState.CircuitOpen));
        }

        Assert.That(await multiplexer.GetDatabase().PingAsync(), Is.GreaterThanOrEqualTo(TimeSpan.Zero), "the application's connection is not disposed");
        foreach (var key in server.Keys(pattern: "billing-api:circuit:*").ToList())
        {
            await multiplexer.GetDatabase().KeyDeleteAsync(key);
        }
    }

    private static async Task<IHost> StartReplicaAsync(TestRedis redis, ProviderEmulator emulator)
    {
        string[] args =
        [
            "--MultiModel:Order:0=claude",
            "--MultiModel:Order:1=grok",
            "--MultiModel:Providers:claude:Kind=Claude",
            $"--MultiModel:Providers:claude:BaseUrl={emulator.AnthropicBaseUrl}",
            $"--MultiModel:Providers:claude:ApiKey={emulator.Anthropic.ApiKey}",
            "--MultiModel:Providers:claude:Resilience:Retry:MaxRetryAttempts=0",
            "--MultiModel:Providers:grok:Kind=Grok",
            $"--MultiModel:Providers:grok:BaseUrl={emulator.XaiBaseUrl}",
            $"--MultiModel:Providers:grok:ApiKey={emulator.Xai.ApiKey}",
            $"--MultiModel:SharedState:Redis:Configuration={redis.Configuration}",
            $"--MultiModel:SharedState:Redis:KeyPrefix={redis.KeyPrefix}",
        ];

        var builder = Host.CreateApplicationBuilder(args);

        #region snippet:shared-state
        builder.Services.AddMultiModel()   // providers and chain from the "MultiModel" section
            .AddRedisSharedState()         // MultiModel:SharedState:Redis:Configuration, e.g. "redis:6379,password=…"
            .AddHealthCheck();
        #endregion

        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
