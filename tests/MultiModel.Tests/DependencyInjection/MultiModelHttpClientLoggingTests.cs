using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using MultiModel.Failover;
using RichardSzalay.MockHttp;

namespace MultiModel.Tests.DependencyInjection;

/// <summary>A provider's client runs without IHttpClientFactory's logging handlers unless the application adds them back.</summary>
[Parallelizable(ParallelScope.All)]
public class MultiModelHttpClientLoggingTests
{
    private const string HttpClientCategory = "System.Net.Http.HttpClient.MultiModel.grok.";

    [Test]
    public async Task GetResponseAsync_DefaultRegistration_WritesNoHttpClientLogs()
    {
        await using var container = CreateContainer(addDefaultLogger: false, out var http);

        await container.GetRequiredService<FailoverChatClient>().GetResponseAsync(new ChatRequest("hi"));

        var logs = container.GetFakeLogCollector().GetSnapshot();
        Assert.Multiple(() =>
        {
            Assert.That(logs.Where(r => r.Category?.StartsWith(HttpClientCategory, StringComparison.Ordinal) == true), Is.Empty);
            Assert.That(logs.Where(r => r.Id.Id == 101), Is.Not.Empty, "MultiModel logs the attempt.");
        });
        http.VerifyNoOutstandingExpectation();
    }

    [Test]
    public async Task GetResponseAsync_AddDefaultLoggerOnTheProvidersClient_WritesHttpClientLogs()
    {
        await using var container = CreateContainer(addDefaultLogger: true, out var http);

        await container.GetRequiredService<FailoverChatClient>().GetResponseAsync(new ChatRequest("hi"));

        var categories = container.GetFakeLogCollector().GetSnapshot().Select(r => r.Category).Distinct().ToList();
        Assert.That(categories, Does.Contain(HttpClientCategory + "LogicalHandler").And.Contain(HttpClientCategory + "ClientHandler"));
        http.VerifyNoOutstandingExpectation();
    }

    private static ServiceProvider CreateContainer(bool addDefaultLogger, out MockHttpMessageHandler http)
    {
        var mock = new MockHttpMessageHandler();
        mock.Expect(HttpMethod.Post, WireAnswers.GrokUrl).Respond("application/json", WireAnswers.Grok("hello"));
        var services = new ServiceCollection().AddFakeLogging(o => o.CollectRecordsForDisabledLogLevels = false);
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Debug));
        services.AddMultiModel().AddGrok(
            configure: o => o.ApiKey = "xai-key",
            configureHttpClient: b =>
            {
                b.ConfigurePrimaryHttpMessageHandler(() => mock);
                if (addDefaultLogger)
                {
                    b.AddDefaultLogger();
                }
            });
        http = mock;
        return services.BuildServiceProvider();
    }
}
