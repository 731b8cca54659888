using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using MultiModel.Failover;
using MultiModel.Testing;

namespace MultiModel.Tests.Resilience;

/// <summary>Polly's own telemetry of a provider's pipeline names the provider and does not warn again about what MultiModel logs.</summary>
[Parallelizable(ParallelScope.All)]
public class PollyTelemetryTests
{
    [Test]
    public async Task FailedTryThenFailover_PollyLogsNoWarningAndItsMetricsNameTheProvider()
    {
        var grok = "grok-" + Guid.NewGuid().ToString("N")[..8];
        await using var emulator = await ProviderEmulator.StartAsync();
        emulator.Xai.Enqueue(EmulatorBehavior.Status(503), EmulatorBehavior.Status(503));
        var events = new ConcurrentQueue<KeyValuePair<string, object?>[]>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "Polly" && instrument.Name == "resilience.polly.strategy.events")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<int>((_, _, tags, _) =>
        {
            var copy = tags.ToArray();
            if (copy.Any(t => t.Key == "pipeline.name" && Equals(t.Value, "MultiModel." + grok)))
            {
                events.Enqueue(copy);
            }
        });
        listener.Start();

        var services = new ServiceCollection().AddFakeLogging(o => o.CollectRecordsForDisabledLogLevels = false);
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Debug));
        services.AddMultiModel()
            .AddGrok(grok, o => (o.BaseUrl, o.ApiKey) = (emulator.XaiBaseUrl, emulator.Xai.ApiKey))
            .AddClaude(configure: o => (o.BaseUrl, o.ApiKey) = (emulator.AnthropicBaseUrl, emulator.Anthropic.ApiKey))
            .ConfigureResilience(grok, o => o.Retry.Delay = TimeSpan.Zero);
        await using var provider = services.BuildServiceProvider();

        var response = await provider.GetRequiredService<FailoverChatClient>().GetResponseAsync(new ChatRequest("Status?"));

        var logs = provider.GetFakeLogCollector().GetSnapshot();
        var polly = logs.Where(r => r.Category == "Polly").ToList();
        Assert.Multiple(() =>
        {
            Assert.That(response.ProviderName, Is.EqualTo("claude"));
            Assert.That(logs.Count(r => r.Id.Id == 103 && r.Level == LogLevel.Warning), Is.EqualTo(1), "MultiModel warns once about the failed attempt.");
            Assert.That(polly, Is.Not.Empty, "Polly's logs are on (at Debug), so the next check means something.");
            Assert.That(polly.Where(r => r.Level >= LogLevel.Warning).Select(r => r.Message), Is.Empty);
            Assert.That(polly.Where(r => r.Level == LogLevel.Information).Select(r => r.Message), Has.One.Contains("OnRetry").And.One.Contains(grok));
            Assert.That(events, Is.Not.Empty);
            Assert.That(events.Select(tags => tags.Single(t => t.Key == "multimodel.provider.name").Value), Is.All.EqualTo(grok));
        });
    }
}
