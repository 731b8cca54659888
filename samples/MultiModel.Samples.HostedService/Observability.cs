using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MultiModel.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace MultiModel.Samples.HostedService;

/// <summary>Wires OpenTelemetry: MultiModel's spans and metrics plus the providers' HTTP calls, exported where asked.</summary>
internal static class Observability
{
    /// <summary>Adds tracing and metrics; <c>--console-telemetry</c> prints them, OTEL_EXPORTER_OTLP_ENDPOINT sends them over OTLP.</summary>
    public static void AddObservability(this IHostApplicationBuilder builder, bool console)
    {
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("MultiModel.Samples.HostedService"))
            .WithTracing(tracing =>
            {
                tracing.AddSource(MultiModelTelemetry.ActivitySourceName) // the failover call and one span per provider attempt
                    .AddHttpClientInstrumentation();                     // the provider's HTTP requests, beneath the attempts
                if (console)
                {
                    tracing.AddConsoleExporter();
                }
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(MultiModelTelemetry.MeterName) // token usage, durations, attempts, failovers, circuit changes
                    .AddHttpClientInstrumentation();
                if (console)
                {
                    metrics.AddConsoleExporter();
                }
            });

        // The standard OTEL_EXPORTER_OTLP_* variables (endpoint, protocol, headers) configure the exporter.
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry.UseOtlpExporter();
        }
    }
}
