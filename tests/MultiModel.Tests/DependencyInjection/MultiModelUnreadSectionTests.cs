using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MultiModel.DependencyInjection;
using MultiModel.Testing;

namespace MultiModel.Tests.DependencyInjection;

/// <summary>Configuration that nothing would read stops the host at start-up with its path, and what is read still starts it.</summary>
[Parallelizable(ParallelScope.All)]
public class MultiModelUnreadSectionTests
{
    [Test]
    public void Start_OnlyNamedChains_RejectsTheDefaultChainsKeys()
    {
        var failures = StartFailures(
            new Dictionary<string, string?>
            {
                ["MultiModel:Order:0"] = "rules",
                ["MultiModel:Failover:MaxAttempts"] = "1",
                ["MultiModel:Confidence:Threshold"] = "0.5",
                ["MultiModel:Chains:fast:Order:0"] = "rules",
            },
            services => services.AddMultiModel("fast").AddProvider("rules", _ => new FakeChatProvider("rules")));

        Assert.That(failures, Is.EquivalentTo(new[]
        {
            "MultiModel:Order is not read: no default chain is registered: call AddMultiModel(), or move it under MultiModel:Chains:{name}.",
            "MultiModel:Failover is not read: no default chain is registered: call AddMultiModel(), or move it under MultiModel:Chains:{name}.",
            "MultiModel:Confidence is not read: no default chain is registered: call AddMultiModel(), or move it under MultiModel:Chains:{name}.",
        }));
    }

    [Test]
    public void Start_OnlyNamedChains_StillBindsTheRootStrictlyAndAppliesItsTelemetry()
    {
        var typo = StartFailures(
            new Dictionary<string, string?> { ["MultiModel:Provders:rules:RateLimit:RequestsPerMinute"] = "5" },
            services => services.AddMultiModel("fast").AddProvider("rules", _ => new FakeChatProvider("rules")));
        using var provider = Start(
            new Dictionary<string, string?> { ["MultiModel:Telemetry:EnableSensitiveData"] = "true" },
            services => services.AddMultiModel("fast").AddProvider("rules", _ => new FakeChatProvider("rules")));

        Assert.Multiple(() =>
        {
            Assert.That(typo, Has.Some.Contains("MultiModel has unknown settings 'Provders'"));
            Assert.That(provider.GetRequiredService<MultiModelRuntime>().Current.Chains["fast"].Options.EnableSensitiveData, Is.True);
        });
    }

    [Test]
    public void Start_CustomProvider_RejectsEveryKeyButEnabledAndRateLimit()
    {
        var failures = StartFailures(
            new Dictionary<string, string?>
            {
                ["MultiModel:Providers:rules:Kind"] = "Grok",
                ["MultiModel:Providers:rules:Modle"] = "x",
                ["MultiModel:Providers:rules:Resilience:Retry:MaxRetryAttempts"] = "2",
                ["MultiModel:Providers:rules:RateLimit:RequestsPerMinute"] = "5",
                ["MultiModel:Providers:rules:Enabled"] = "true",
            },
            services => services.AddMultiModel().AddProvider("rules", _ => new FakeChatProvider("rules")));

        const string Reason = "is not read: 'rules' is a custom provider (AddProvider), to which only Enabled and RateLimit apply.";
        Assert.That(failures, Is.EquivalentTo(new[]
        {
            $"MultiModel:Providers:rules:Kind {Reason}",
            $"MultiModel:Providers:rules:Modle {Reason}",
            $"MultiModel:Providers:rules:Resilience {Reason}",
        }));
    }

    [Test]
    public void Start_CustomProvider_TakesItsRateLimitFromConfiguration()
    {
        using var provider = Start(
            new Dictionary<string, string?> { ["MultiModel:Providers:rules:RateLimit:RequestsPerMinute"] = "5" },
            services => services.AddMultiModel().AddProvider("rules", _ => new FakeChatProvider("rules")));

        Assert.That(provider.GetRequiredService<MultiModelRuntime>().Current.Providers["rules"].RateLimit.RequestsPerMinute, Is.EqualTo(5));
    }

    [Test]
    public void Start_StandardHandler_RejectsResilienceKeysItDoesNotRead()
    {
        var failures = StartFailures(
            new Dictionary<string, string?>
            {
                ["MultiModel:Order:0"] = "grok",
                ["MultiModel:Providers:grok:Kind"] = "Grok",
                ["MultiModel:Providers:grok:ApiKey"] = "grok-test-key",
                ["MultiModel:Providers:grok:Resilience:Retry:MaxRetryAfter"] = "00:00:05",
                ["MultiModel:Providers:grok:Resilience:Retry:MaxRetryAttempts"] = "3",
                ["MultiModel:Providers:grok:Resilience:CircuitBreaker:Enabled"] = "false",
            },
            services => services.AddMultiModel().UseStandardResilienceHandler("grok"));

        const string Reason = "is not read: 'grok' runs the standard resilience handler, set under MultiModel:Providers:grok:StandardResilience (of Resilience, only Retry:MaxRetryAfter applies).";
        Assert.That(failures, Is.EquivalentTo(new[]
        {
            $"MultiModel:Providers:grok:Resilience:CircuitBreaker {Reason}",
            $"MultiModel:Providers:grok:Resilience:Retry:MaxRetryAttempts {Reason}",
        }));
    }

    private static ServiceProvider Start(Dictionary<string, string?> settings, Action<IServiceCollection> register)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        register(services);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        try
        {
            provider.GetRequiredService<IStartupValidator>().Validate();
            return provider;
        }
        catch
        {
            provider.Dispose();
            throw;
        }
    }

    private static IEnumerable<string> StartFailures(Dictionary<string, string?> settings, Action<IServiceCollection> register)
    {
        var ex = Assert.Throws<OptionsValidationException>(() => Start(settings, register).Dispose());
        return ex!.Failures;
    }
}
