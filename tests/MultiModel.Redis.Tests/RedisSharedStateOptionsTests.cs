using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using MultiModel.Resilience;
using StackExchange.Redis;

namespace MultiModel.Redis.Tests;

/// <summary>A configuration mistake in the shared state stops the host at start-up, the configuration path in the message, no secret repeated.</summary>
public class RedisSharedStateOptionsTests
{
    private static IEnumerable<TestCaseData> BadValues()
    {
        yield return Case("MultiModel:SharedState:Redis:Configuration is missing", ("Configuration", null));
        yield return Case("MultiModel:SharedState:Redis:Configuration is not a valid", ("Configuration", "localhost:6379,password=hunter2-secret,nosuchoption=1"));
        yield return Case("MultiModel:SharedState:Redis:KeyPrefix", ("KeyPrefix", "my prefix"));
        yield return Case("MultiModel:SharedState:Redis:KeyPrefix", ("KeyPrefix", ""));
        yield return Case("MultiModel:SharedState:Redis:IdentitySecret must be at least 16 characters", ("IdentitySecret", "short"));
        yield return Case("MultiModel:SharedState:Redis:ResyncInterval", ("ResyncInterval", "00:00:00.050"));
        yield return Case("MultiModel:SharedState:Redis:ResyncInterval", ("ResyncInterval", "00:05:00"));
        yield return Case("MultiModel:SharedState:Redis:InitialSyncTimeout", ("InitialSyncTimeout", "-00:00:01"));
        yield return Case("MultiModel:SharedState:Redis:WriteQueueCapacity", ("WriteQueueCapacity", "2"));
        yield return Case("MultiModel:SharedState:Redis:CircuitQuorum", ("CircuitQuorum", "0"));
        yield return Case("MultiModel:SharedState:Redis", ("CircuitQuorum", "two"));
        yield return Case("MultiModel:SharedState:Redis", ("Quorum", "2"));
    }

    [TestCaseSource(nameof(BadValues))]
    public void StartAsync_BadValue_StopsTheHostNamingThePath(string expected, (string Key, string? Value) setting)
    {
        var values = new Dictionary<string, string?>
        {
            ["MultiModel:Providers:grok:Kind"] = "Grok",
            ["MultiModel:Providers:grok:BaseUrl"] = "http://127.0.0.1:9/v1",
            ["MultiModel:SharedState:Redis:Configuration"] = "127.0.0.1:9",
            ["MultiModel:SharedState:Redis:" + setting.Key] = setting.Value,
        };
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(values);
        builder.Services.AddMultiModel().AddRedisSharedState();
        using var host = builder.Build();

        var ex = Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.That(ex!.Message, Does.Contain(expected));
        Assert.That(ex.Message, Does.Not.Contain("hunter2"));
    }

    [TestCase("MultiModel:SharedState:ShareCircuits", "MultiModel:SharedState:ShareCircuits")]
    [TestCase("MultiModel:SharedState:Rediss:ShareCircuits", "MultiModel:SharedState:Rediss")]
    public void StartAsync_KeyBesideTheRedisSection_StopsTheHostNamingIt(string key, string unread)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["MultiModel:Providers:grok:Kind"] = "Grok",
            ["MultiModel:Providers:grok:BaseUrl"] = "http://127.0.0.1:9/v1",
            ["MultiModel:SharedState:Redis:Configuration"] = "127.0.0.1:9",
            [key] = "true",
        });
        builder.Services.AddMultiModel().AddRedisSharedState();
        using var host = builder.Build();

        var ex = Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.That(ex!.Failures, Is.EqualTo(new[] { $"{unread} is not read: the shared state is set under MultiModel:SharedState:Redis." }));
    }

    [Test]
    public async Task AddRedisSharedState_GivenMultiplexer_NeedsNoConfigurationAndIsNotDisposed()
    {
        await using var redis = await TestSupport.TestRedis.StartAsync();
        await using var multiplexer = await redis.ConnectAsync();
        var services = new ServiceCollection();
        services.AddMultiModel().AddGrok(configure: grok => grok.BaseUrl = new Uri("http://127.0.0.1:9/v1"))
            .AddRedisSharedState(multiplexer, options => options.KeyPrefix = redis.KeyPrefix);

        await using (var provider = services.BuildServiceProvider())
        {
            provider.GetRequiredService<IStartupValidator>().Validate();
            Assert.That(provider.GetRequiredService<IProviderHealthStore>(), Is.Not.InstanceOf<InMemoryProviderHealthStore>());
        }

        Assert.That(await multiplexer.GetDatabase().PingAsync(), Is.GreaterThanOrEqualTo(TimeSpan.Zero));
    }

    [Test]
    public void ToString_ShowsNeitherTheConnectionStringNorTheSecret()
    {
        var options = new RedisSharedStateOptions { Configuration = "cache:6380,password=hunter2-secret", IdentitySecret = "a-deployment-secret-value" };

        Assert.That(options.ToString(), Does.Not.Contain("hunter2").And.Not.Contain("deployment-secret").And.Contain("Configuration=set"));
    }

    private static TestCaseData Case(string expected, (string, string?) setting) => new TestCaseData(expected, setting).SetArgDisplayNames($"{setting.Item1}={setting.Item2}");
}
