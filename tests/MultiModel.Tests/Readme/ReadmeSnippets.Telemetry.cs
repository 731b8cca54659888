using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MultiModel.Diagnostics;
using MultiModel.Testing;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace MultiModel.Tests.Readme;

/// <summary>The README's OpenTelemetry wiring, run through the OpenTelemetry SDK against the provider emulator.</summary>
public partial class ReadmeSnippets
{
    [Test]
    public async Task OpenTelemetry_GrokFailsAndClaudeAnswers_ExportsTheCallTwoAttemptsAndAnHttpSpanUnderEach()
    {
        await using var emulator = await ProviderEmulator.StartAsync(new ProviderEmulatorOptions { DefaultAnswer = "Nominal pass." });
        emulator.Xai.Default = EmulatorBehavior.Status(503);
        var builder = Host.CreateApplicationBuilder(ReadmeEmulator.Args(emulator));

        #region snippet:opentelemetry
        builder.Services.AddMultiModel();
        builder.Services.AddOpenTelemetry()
            .WithTracing(tracing => tracing
                .AddSource(MultiModelTelemetry.ActivitySourceName) // a span per call and one per provider attempt
                .AddHttpClientInstrumentation())                    // the provider's HTTP requests, beneath each attempt
            .WithMetrics(metrics => metrics
                .AddMeter(MultiModelTelemetry.MeterName)            // tokens, durations, attempts, failovers, circuits
                .AddHttpClientInstrumentation());
        #endregion

        // Only this test's trace counts: a root span of a source of its own, exported with the rest.
        using var testSource = new ActivitySource("MultiModel.Tests.OpenTelemetry." + Guid.NewGuid().ToString("N"));
        var spans = new List<Activity>();
        var metrics = new List<Metric>();
        builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddSource(testSource.Name).AddInMemoryExporter(spans));
        builder.Services.ConfigureOpenTelemetryMeterProvider(meters => meters.AddInMemoryExporter(metrics));
        ActivityTraceId traceId;
        ChatResponse response;
        using (var host = builder.Build())
        {
            await host.StartAsync();
            using (var root = testSource.StartActivity("caller"))
            {
                traceId = root!.TraceId;
                response = await host.Services.GetRequiredService<IChatProvider>().GetResponseAsync(new ChatRequest("Status?"));
            }

            host.Services.GetRequiredService<MeterProvider>().ForceFlush();
            await host.StopAsync();
        }

        // The host is disposed: the SDK no longer listens, so the lists are complete and stable.
        var trace = spans.Where(s => s.TraceId == traceId).ToList();
        var call = trace.Single(s => s.Source.Name == MultiModelTelemetry.ActivitySourceName && s.DisplayName == "failover default");
        var attempts = trace.Where(s => s.ParentSpanId == call.SpanId).OrderBy(s => s.StartTimeUtc).ToList();
        var http = attempts.Select(a => trace.Where(s => s.ParentSpanId == a.SpanId).ToList()).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(response.ProviderName, Is.EqualTo("claude"));
            Assert.That(call.ParentSpanId, Is.EqualTo(trace.Single(s => s.Source == testSource).SpanId), "the call span is a child of the caller's span");
            Assert.That(call.Kind, Is.EqualTo(ActivityKind.Internal));
            Assert.That(attempts.Select(a => (a.DisplayName, a.Kind, a.GetTagItem("multimodel.provider.name"), a.GetTagItem("multimodel.attempt.outcome"))), Is.EqualTo(new[]
            {
                ("chat grok-4", ActivityKind.Client, (object?)"grok", (object?)"failed"),
                ("chat claude-sonnet-4-5", ActivityKind.Client, "claude", "succeeded"),
            }));
            Assert.That(attempts[0].Status, Is.EqualTo(ActivityStatusCode.Error));
            Assert.That(http.Select(h => h.Count), Is.EqualTo(new[] { 1, 1 }), "one HTTP client span beneath each attempt (no retries here)");
            Assert.That(http.SelectMany(h => h).Select(s => (s.Kind, s.GetTagItem("http.response.status_code"))), Is.EqualTo(new[]
            {
                (ActivityKind.Client, (object?)503),
                (ActivityKind.Client, (object?)200),
            }));
            Assert.That(http.SelectMany(h => h).Select(s => s.GetTagItem("server.address")), Is.All.EqualTo(emulator.BaseAddress.Host));
            Assert.That(metrics.Select(m => m.Name), Is.SupersetOf(new[] { "gen_ai.client.operation.duration", "multimodel.attempts", "multimodel.failovers" }));
        });
    }
}
