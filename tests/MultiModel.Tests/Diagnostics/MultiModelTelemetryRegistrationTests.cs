using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MultiModel.DependencyInjection;
using MultiModel.Failover;
using MultiModel.Resilience;
using MultiModel.Testing;

namespace MultiModel.Tests.Diagnostics;

[Parallelizable(ParallelScope.All)]
public class MultiModelTelemetryRegistrationTests
{
    [Test]
    public async Task AddMultiModel_ContainerHasLoggingAndMetrics_ChainUsesThemAndReadsSensitiveDataFromConfiguration()
    {
        await using var emulator = await ProviderEmulator.StartAsync();
        emulator.Anthropic.Enqueue(EmulatorBehavior.Status(503), EmulatorBehavior.Answer("Nominal."));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["MultiModel:Telemetry:EnableSensitiveData"] = "true",
        }).Build();
        var logs = new CapturingLoggerProvider(LogLevel.Trace);
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        services.AddMetrics();
        services.AddMultiModel()
            .AddClaude("claude", o => (o.ApiKey, o.BaseUrl) = ("sk-ant-emulator-key", emulator.AnthropicBaseUrl))
            .AddClaude("backup", o => (o.ApiKey, o.BaseUrl) = ("sk-ant-emulator-key", emulator.AnthropicBaseUrl))
            .ConfigureResilience("claude", o => o.Retry.MaxRetryAttempts = 0);
        await using var container = services.BuildServiceProvider();
        using var capture = new TelemetryCapture("default", container.GetRequiredService<IMeterFactory>());

        await container.GetRequiredService<FailoverChatClient>().GetResponseAsync(new ChatRequest("Status?"));
        emulator.Anthropic.Enqueue(EmulatorBehavior.RateLimited(TimeSpan.FromMinutes(5)));
        await container.GetRequiredService<FailoverChatClient>().GetResponseAsync(new ChatRequest("Status?"));

        var ids = logs.Records.Select(r => r.EventId.Id).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(container.GetRequiredService<Microsoft.Extensions.Options.IOptions<MultiModelOptions>>().Value.Telemetry.EnableSensitiveData, Is.True);
            Assert.That(ids, Does.Contain(103).And.Contains(107).And.Contains(101).And.Contains(203));
            Assert.That(ids, Does.Contain(110).And.Contains(111), "sensitive data enabled from configuration");
            Assert.That(capture.Of("multimodel.attempts").Select(m => m["multimodel.attempt.outcome"]), Is.EqualTo(new[] { "failed", "succeeded", "failed", "succeeded" }));
            Assert.That(capture.Of("multimodel.attempts").Select(m => m["gen_ai.provider.name"]), Is.All.EqualTo("anthropic"));
            Assert.That(capture.Of("multimodel.cooldowns").Single()["multimodel.provider.name"], Is.EqualTo("claude"));
            Assert.That(capture.Of("gen_ai.client.token.usage"), Has.Count.EqualTo(4));
        });
    }
}
