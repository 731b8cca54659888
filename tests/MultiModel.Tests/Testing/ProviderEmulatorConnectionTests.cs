using System.Diagnostics;
using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Logging;
using MultiModel.Testing;
using static MultiModel.Tests.Testing.EmulatorCalls;

namespace MultiModel.Tests.Testing;

[Parallelizable(ParallelScope.All)]
public class ProviderEmulatorConnectionTests
{
    [Test]
    public async Task StartAsync_BindsLoopbackWithTheExpectedBaseAddresses()
    {
        await using var emulator = await ProviderEmulator.StartAsync();

        Assert.That(emulator.BaseAddress.Host, Is.EqualTo("127.0.0.1"));
        Assert.That(emulator.BaseAddress.Port, Is.GreaterThan(0));
        Assert.That(emulator.AnthropicBaseUrl, Is.EqualTo(emulator.BaseAddress));
        Assert.That(emulator.XaiBaseUrl.ToString(), Is.EqualTo($"http://127.0.0.1:{emulator.BaseAddress.Port}/v1"));
    }

    [Test]
    public async Task SequentialCalls_OnOneHttpClient_ReuseOneConnection()
    {
        await using var emulator = await ProviderEmulator.StartAsync();
        using var client = new HttpClient();

        for (var i = 0; i < 5; i++)
        {
            await SendJsonAsync(client, i % 2 == 0 ? Anthropic(emulator) : Xai(emulator));
        }

        Assert.That(emulator.RequestCount, Is.EqualTo(5));
        Assert.That(emulator.TotalConnections, Is.EqualTo(1));
        Assert.That(emulator.Requests.Select(r => r.ConnectionId).Distinct().Count(), Is.EqualTo(1));
        Assert.That(emulator.Anthropic.RequestCount, Is.EqualTo(3));
        Assert.That(emulator.Xai.RequestCount, Is.EqualTo(2));
    }

    [Test]
    public async Task ClientDisposed_EmulatorSeesTheConnectionClosed()
    {
        await using var emulator = await ProviderEmulator.StartAsync();
        using (var client = new HttpClient())
        {
            await SendJsonAsync(client, Anthropic(emulator));
            Assert.That(emulator.OpenConnections, Is.EqualTo(1));
        }

        await emulator.WaitUntilAsync(e => e.OpenConnections == 0, TimeSpan.FromSeconds(10));
        Assert.That(emulator.TotalConnections, Is.EqualTo(1));
    }

    [Test]
    public async Task ConcurrentRequests_AreAllAnsweredAndRecorded()
    {
        await using var emulator = await ProviderEmulator.StartAsync();
        emulator.Xai.Default = EmulatorBehavior.Answer("ok").WithHeaderDelay(TimeSpan.FromMilliseconds(20));
        using var client = new HttpClient();

        var calls = Enumerable.Range(0, 40).Select(i => i % 2 == 0
            ? SendJsonAsync(client, Anthropic(emulator))
            : SendJsonAsync(client, Xai(emulator)));
        var results = await Task.WhenAll(calls);

        Assert.That(results.Select(r => r.Response.StatusCode), Is.All.EqualTo(HttpStatusCode.OK));
        Assert.That(emulator.RequestCount, Is.EqualTo(40));
        Assert.That(emulator.Requests.Select(r => r.Sequence).Order(), Is.EqualTo(Enumerable.Range(0, 40)));
        Assert.That(emulator.Requests.Select(r => r.RequestId).Distinct().Count(), Is.EqualTo(40));
    }

    [Test]
    public async Task QueuedBehaviors_AreConsumedInOrderPerProvider()
    {
        await using var emulator = await ProviderEmulator.StartAsync();
        emulator.Anthropic.Enqueue(EmulatorBehavior.Overloaded(), EmulatorBehavior.Status(500));
        using var client = new HttpClient();

        var statuses = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            var (response, _) = await SendJsonAsync(client, Anthropic(emulator));
            statuses.Add((int)response.StatusCode);
        }

        var (xai, _) = await SendJsonAsync(client, Xai(emulator));
        Assert.That(statuses, Is.EqualTo(new[] { 529, 500, 200 }));
        Assert.That(xai.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(emulator.Anthropic.Requests.Select(r => r.StatusCode), Is.EqualTo(new[] { 529, 500, 200 }));
    }

    [Test]
    public async Task Paths_WithDoubleOrTrailingSlashes_AreAccepted()
    {
        await using var emulator = await ProviderEmulator.StartAsync();
        using var client = new HttpClient();
        using var request = Anthropic(emulator);
        request.RequestUri = new Uri($"{emulator.AnthropicBaseUrl}/v1/messages/");

        var (response, _) = await SendJsonAsync(client, request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(emulator.Requests.Single().Path, Is.EqualTo("/v1/messages"));
    }

    [Test]
    public async Task UnknownPath_Returns404AndIsRecordedWithoutProvider()
    {
        await using var emulator = await ProviderEmulator.StartAsync();
        using var client = new HttpClient();

        using var response = await client.PostAsync(new Uri(emulator.BaseAddress, "/v1/responses"), new StringContent("{}"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(emulator.Requests.Single().Provider, Is.Null);
        Assert.That(emulator.Anthropic.RequestCount + emulator.Xai.RequestCount, Is.Zero);
    }

    [Test]
    public async Task WrongMethod_Returns405()
    {
        await using var emulator = await ProviderEmulator.StartAsync();
        using var client = new HttpClient();

        using var response = await client.GetAsync(new Uri(emulator.BaseAddress, "/v1/messages"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.MethodNotAllowed));
    }

    [Test]
    public async Task DisposeAsync_WithAHangingRequest_IsFast()
    {
        var watch = Stopwatch.StartNew();
        var emulator = await ProviderEmulator.StartAsync();
        emulator.Xai.Enqueue(EmulatorBehavior.Hang());
        using var client = new HttpClient();
        var hanging = client.SendAsync(Xai(emulator));
        await emulator.WaitUntilAsync(e => e.RequestCount == 1, TimeSpan.FromSeconds(10));

        await emulator.DisposeAsync();

        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(3)));
        Assert.That(async () => await hanging, Throws.InstanceOf<HttpRequestException>());
        Assert.That(emulator.Requests.Single().Outcome, Is.EqualTo(EmulatorRequestOutcome.ServerAborted));
    }

    [Test]
    public async Task Options_CustomKeysAndAnswer_AreUsed()
    {
        var options = new ProviderEmulatorOptions { AnthropicApiKey = "custom-a", XaiApiKey = "custom-x", DefaultAnswer = "Custom." };
        await using var emulator = await ProviderEmulator.StartAsync(options);
        using var client = new HttpClient();

        var (_, json) = await SendJsonAsync(client, Xai(emulator, apiKey: "custom-x"));

        Assert.That(emulator.Anthropic.ApiKey, Is.EqualTo("custom-a"));
        Assert.That(json.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString(), Is.EqualTo("Custom."));
        Assert.That(options.ToString(), Does.Not.Contain("custom-a").And.Not.Contain("custom-x"));
    }

    [Test]
    public async Task Timestamps_ComeFromTheTimeProvider()
    {
        var time = new ManualTimeProvider();
        await using var emulator = await ProviderEmulator.StartAsync(new ProviderEmulatorOptions { TimeProvider = time });
        using var client = new HttpClient();

        var (_, json) = await SendJsonAsync(client, Xai(emulator));

        Assert.That(json.GetProperty("created").GetInt64(), Is.EqualTo(time.GetUtcNow().ToUnixTimeSeconds()));
        Assert.That(emulator.Requests.Single().ReceivedAt, Is.EqualTo(time.GetUtcNow()));
    }

    [Test]
    public void WaitUntilAsync_ConditionNeverHolds_ThrowsTimeout()
    {
        Assert.That(async () =>
        {
            await using var emulator = await ProviderEmulator.StartAsync();
            await emulator.WaitUntilAsync(e => e.RequestCount > 0, TimeSpan.FromMilliseconds(50));
        }, Throws.InstanceOf<TimeoutException>());
    }

    [Test]
    public async Task Options_LoggerFactory_ReceivesServerLogs()
    {
        var sink = new CategorySink();
        using var loggerFactory = LoggerFactory.Create(logging => logging.AddProvider(sink).SetMinimumLevel(LogLevel.Debug));
        await using var emulator = await ProviderEmulator.StartAsync(new ProviderEmulatorOptions { LoggerFactory = loggerFactory });
        using var client = new HttpClient();

        await SendJsonAsync(client, Anthropic(emulator));

        Assert.That(sink.Categories.Keys, Has.Some.StartsWith("Microsoft.AspNetCore.Server.Kestrel"));
    }

    private sealed class CategorySink : ILoggerProvider
    {
        public ConcurrentDictionary<string, bool> Categories { get; } = new();

        public ILogger CreateLogger(string categoryName) => new CategoryLogger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class CategoryLogger(CategorySink sink, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                sink.Categories[category] = true;
        }
    }
}
