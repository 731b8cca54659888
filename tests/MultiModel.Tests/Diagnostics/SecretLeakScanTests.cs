using System.Collections;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MultiModel.DependencyInjection;
using MultiModel.Failover;
using MultiModel.Providers.Claude;
using MultiModel.Providers.Grok;
using MultiModel.Testing;

namespace MultiModel.Tests.Diagnostics;

/// <summary>Runs every fault a provider can meet through the real registration and scans all telemetry and exceptions for the API key.</summary>
[Parallelizable(ParallelScope.All)]
public class SecretLeakScanTests
{
    private const string Key = "sk-LEAKCANARY-7f3a9c";

    private static readonly EmulatorBehavior[] Faults =
    [
        .. new[] { 400, 401, 403, 404, 408, 413, 422, 429, 500, 503, 529 }.Select(status => EmulatorBehavior.Status(status, retryAfter: TimeSpan.Zero)),
        EmulatorBehavior.Overloaded(),
        EmulatorBehavior.ContextTooLong(),
        EmulatorBehavior.Hang(),
        EmulatorBehavior.MalformedJson(),
        EmulatorBehavior.EmptyBody(),
        EmulatorBehavior.StreamCut(afterDeltas: 1),
        EmulatorBehavior.StreamError(afterDeltas: 0),
        EmulatorBehavior.StreamError(afterDeltas: 2),
        EmulatorBehavior.ConnectionReset(),
        EmulatorBehavior.Answer("A healthy answer."),
    ];

    [TestCase("Claude")]
    [TestCase("Grok")]
    public async Task EveryFault_WithContentLoggedAtTrace_NeverRevealsTheApiKey(string kind)
    {
        await using var emulator = await ProviderEmulator.StartAsync(new ProviderEmulatorOptions { AnthropicApiKey = Key, XaiApiKey = Key });
        var emulated = kind == "Claude" ? emulator.Anthropic : emulator.Xai;
        var baseUrl = kind == "Claude" ? emulator.AnthropicBaseUrl : emulator.XaiBaseUrl;
        var logs = new CapturingLoggerProvider(LogLevel.Trace);
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        services.AddMetrics();
        var builder = services.AddMultiModel(o =>
        {
            o.Order.Add("main");
            o.Telemetry.EnableSensitiveData = true;
        }).ConfigureFailover(o => o.AttemptTimeout = TimeSpan.FromMilliseconds(400));
        AddProvider(builder, kind, "main", baseUrl, Key);
        AddProvider(builder, kind, "wrongkey", baseUrl, Key + "-rotated");
        services.AddMultiModel("wrong", o => o.Order.Add("wrongkey"));
        await using var container = services.BuildServiceProvider();
        var meters = container.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        using var capture = new TelemetryCapture("default", meters, extraSpanFilter: _ => true);
        var evidence = new List<string>();

        var chain = container.GetRequiredService<FailoverChatClient>();
        foreach (var fault in Faults)
        {
            emulated.Enqueue(fault);
            evidence.Add(await CaptureAsync(() => chain.GetResponseAsync(new ChatRequest("Tell me a story."))));
            emulated.Enqueue(fault);
            evidence.Add(await CaptureAsync(() => DrainAsync(chain.GetStreamingResponseAsync(new ChatRequest("Tell me a story.")))));
        }

        var wrong = container.GetRequiredKeyedService<FailoverChatClient>("wrong");
        evidence.Add(await CaptureAsync(() => wrong.GetResponseAsync(new ChatRequest("Tell me a story."))));
        evidence.Add(await CaptureAsync(() => chain.GetResponseAsync(new ChatRequest(" "))));
        evidence.Add(Describe(ValidationFailure(kind)));
        evidence.Add(container.GetRequiredService<IOptions<MultiModelOptions>>().Value.ToString());
        evidence.Add(kind == "Claude"
            ? container.GetRequiredService<IOptionsMonitor<ClaudeProviderOptions>>().Get("main").ToString()
            : container.GetRequiredService<IOptionsMonitor<GrokProviderOptions>>().Get("main").ToString());
        evidence.Add(string.Join(Environment.NewLine, chain.Providers.Select(p => p.ToString() + " " + p.Metadata)));

        evidence.AddRange(logs.Records.Select(r => $"{r.Category} {r.EventId} {r.Message} {string.Join("|", r.State.Select(s => $"{s.Key}={s.Value}"))} {r.Exception}"));
        evidence.AddRange(capture.Spans.Select(SpanText));
        evidence.AddRange(capture.Measurements.Select(m => m.Instrument + " " + string.Join("|", m.Tags.Select(t => $"{t.Key}={t.Value}"))));

        var all = string.Join(Environment.NewLine, evidence);
        Assert.Multiple(() =>
        {
            Assert.That(logs.Records.Any(r => r.EventId.Id == 104), Is.True, "the wrong key was reported");
            Assert.That(logs.Records.Any(r => r.EventId.Id == 111), Is.True, "content was logged, so the scan saw content");
            Assert.That(capture.Spans.Count(s => s.OperationName.StartsWith("chat", StringComparison.Ordinal)), Is.GreaterThan(Faults.Length));
            Assert.That(capture.Measurements, Is.Not.Empty);
            Assert.That(all, Does.Contain("Tell me a story."), "the scan covers content");
            Assert.That(CountOf(all, Key), Is.Zero, "the API key leaked");
            Assert.That(CountOf(all, Key[..12]), Is.Zero, "the start of the API key leaked");
        });
    }

    private static void AddProvider(IMultiModelBuilder builder, string kind, string name, Uri baseUrl, string key)
    {
        _ = kind == "Claude"
            ? builder.AddClaude(name, o => (o.BaseUrl, o.ApiKey) = (baseUrl, key))
            : builder.AddGrok(name, o => (o.BaseUrl, o.ApiKey) = (baseUrl, key));
        builder.ConfigureResilience(name, o =>
        {
            o.Retry.MaxRetryAttempts = 0;
            o.CircuitBreaker.Enabled = false;
        });
    }

    private static OptionsValidationException ValidationFailure(string kind)
    {
        var services = new ServiceCollection();
        var builder = services.AddMultiModel(o => o.Order.Add("bad"));
        _ = kind == "Claude"
            ? builder.AddClaude("bad", o => (o.ApiKey, o.BaseUrl, o.MaxOutputTokens) = (Key, new Uri("http://example.invalid/v1"), -1))
            : builder.AddGrok("bad", o => (o.ApiKey, o.BaseUrl, o.MaxOutputTokens) = (Key, new Uri("http://example.invalid/v1"), -1));
        using var container = services.BuildServiceProvider();
        return Assert.Throws<OptionsValidationException>(() => container.GetRequiredService<FailoverChatClient>())!;
    }

    private static async Task<string> CaptureAsync(Func<Task> call)
    {
        try
        {
            await call();
            return string.Empty;
        }
        catch (Exception ex)
        {
            return Describe(ex);
        }
    }

    private static async Task DrainAsync(IAsyncEnumerable<ChatResponseUpdate> updates)
    {
        await foreach (var _ in updates)
        {
        }
    }

    private static string Describe(Exception exception)
    {
        var parts = new List<string> { exception.ToString() };
        for (var current = exception; current is not null; current = current.InnerException)
        {
            parts.AddRange(current.Data.Cast<DictionaryEntry>().Select(e => $"{e.Key}={e.Value}"));
            if (current is ChatFailoverException failover)
            {
                parts.AddRange(failover.Attempts.Where(a => a.Exception is not null).Select(a => Describe(a.Exception!)));
            }

            if (current is ChatProviderException provider)
            {
                parts.Add($"{provider.ProviderMessage} {provider.ResponseBody} {provider.RequestId}");
            }
        }

        return string.Join(Environment.NewLine, parts);
    }

    private static string SpanText(Activity span) =>
        $"{span.OperationName} {span.DisplayName} {span.StatusDescription} "
        + string.Join("|", span.TagObjects.Select(t => $"{t.Key}={Flatten(t.Value)}"))
        + string.Join("|", span.Events.Select(e => e.Name + " " + string.Join(",", e.Tags.Select(t => $"{t.Key}={Flatten(t.Value)}"))));

    private static string? Flatten(object? value) => value is IEnumerable items and not string ? string.Join(",", items.Cast<object?>()) : value?.ToString();

    private static int CountOf(string text, string value)
    {
        var count = 0;
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
