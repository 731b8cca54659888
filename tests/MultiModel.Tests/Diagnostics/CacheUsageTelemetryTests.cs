using MultiModel.Failover;
using MultiModel.Tests.Conformance;
using MultiModel.Tests.Providers.Claude;
using static MultiModel.Tests.Diagnostics.DiagnosticsTestKit;

namespace MultiModel.Tests.Diagnostics;

/// <summary>Prompt-cache reads and writes reported by a provider reach the attempt span and the cache metric.</summary>
[Parallelizable(ParallelScope.All)]
public class CacheUsageTelemetryTests
{
    [TestCase("msg-prompt-cache-read", "read")]
    [TestCase("msg-prompt-cache-write", "write")]
    public async Task GetResponseAsync_RecordedCacheUsage_IsOnTheAttemptSpanAndInTheCacheMetric(string recording, string operation)
    {
        var (body, _) = RecordedFixtures.Read("anthropic", recording + ".json");
        using var usage = System.Text.Json.JsonDocument.Parse(body);
        var cacheRead = usage.RootElement.GetProperty("usage").GetProperty("cache_read_input_tokens").GetInt64();
        var cacheWrite = usage.RootElement.GetProperty("usage").GetProperty("cache_creation_input_tokens").GetInt64();
        var name = UniqueChainName();
        using var meters = new TestMeterFactory();
        using var capture = new TelemetryCapture(name, meters);
        using var harness = new ClaudeHarness();
        harness.Expect(System.Net.HttpStatusCode.OK, System.Text.Encoding.UTF8.GetString(body));
        var sut = Chain(name, meters, providers: harness.Provider);

        var response = await sut.GetResponseAsync(new ChatRequest("Say OK."));

        var span = capture.Attempts.Single();
        var cached = capture.Of("multimodel.cache.tokens").Single();
        Assert.Multiple(() =>
        {
            Assert.That(response.Usage.CacheReadTokens, Is.EqualTo(cacheRead));
            Assert.That(response.Usage.CacheWriteTokens, Is.EqualTo(cacheWrite));
            Assert.That(span.GetTagItem("gen_ai.usage.cache_read.input_tokens"), Is.EqualTo(cacheRead > 0 ? cacheRead : null));
            Assert.That(span.GetTagItem("gen_ai.usage.cache_creation.input_tokens"), Is.EqualTo(cacheWrite > 0 ? cacheWrite : null));
            Assert.That(span.GetTagItem("gen_ai.usage.input_tokens"), Is.EqualTo(response.Usage.InputTokens));
            Assert.That(cached["multimodel.cache.operation"], Is.EqualTo(operation));
            Assert.That(cached.Value, Is.EqualTo(operation == "read" ? cacheRead : cacheWrite));
            Assert.That(cached["multimodel.provider.name"], Is.EqualTo("claude"));
        });
    }

    [Test]
    public async Task GetResponseAsync_NoCacheUsage_RecordsNoCacheTagNorMeasurement()
    {
        var name = UniqueChainName();
        using var meters = new TestMeterFactory();
        using var capture = new TelemetryCapture(name, meters);
        var sut = Chain(name, meters, providers: Claude().EnqueueResponse(Answer("claude")));

        await sut.GetResponseAsync(new ChatRequest("What is 2 + 2?"));

        Assert.Multiple(() =>
        {
            Assert.That(capture.Attempts.Single().GetTagItem("gen_ai.usage.cache_read.input_tokens"), Is.Null);
            Assert.That(capture.Of("multimodel.cache.tokens"), Is.Empty);
        });
    }
}
