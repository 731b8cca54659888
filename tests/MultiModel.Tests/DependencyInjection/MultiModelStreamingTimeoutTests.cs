using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MultiModel.Failover;
using MultiModel.Testing;

namespace MultiModel.Tests.DependencyInjection;

[Parallelizable(ParallelScope.All)]
public class MultiModelStreamingTimeoutTests
{
    [Test]
    public async Task GetStreamingResponseAsync_StreamOutlastsEveryTimeout_IsNotCut()
    {
        await using var emulator = await ProviderEmulator.StartAsync();
        const string answer = "one two three four five six seven eight";
        emulator.Xai.Enqueue(EmulatorBehavior.Answer("warm"), EmulatorBehavior.Answer(answer).WithDeltaDelay(TimeSpan.FromMilliseconds(400)));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["MultiModel:Order:0"] = "grok",
            ["MultiModel:Providers:grok:Kind"] = "Grok",
            ["MultiModel:Providers:grok:ApiKey"] = emulator.Xai.ApiKey,
            ["MultiModel:Providers:grok:BaseUrl"] = emulator.XaiBaseUrl.ToString(),
            ["MultiModel:Providers:grok:Resilience:AttemptTimeout"] = "00:00:01.000",
            ["MultiModel:Failover:AttemptTimeout"] = "00:00:02.000",
        }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddMultiModel();
        await using var provider = services.BuildServiceProvider();

        var chain = provider.GetRequiredService<FailoverChatClient>();
        await chain.GetResponseAsync(new ChatRequest("warm up"));
        var text = new StringBuilder();
        ChatResponseUpdate? last = null;
        var started = DateTime.UtcNow;
        await foreach (var update in chain.GetStreamingResponseAsync(new ChatRequest("count")))
        {
            text.Append(update.Text);
            last = update;
        }

        Assert.Multiple(() =>
        {
            Assert.That(text.ToString(), Is.EqualTo(answer));
            Assert.That(last!.IsFinal, Is.True);
            Assert.That(DateTime.UtcNow - started, Is.GreaterThan(TimeSpan.FromMilliseconds(2500)), "The stream must outlast both timeouts for this test to mean anything.");
            Assert.That(provider.GetRequiredService<IHttpClientFactory>().CreateClient("MultiModel.grok").Timeout, Is.EqualTo(Timeout.InfiniteTimeSpan));
        });
    }
}
