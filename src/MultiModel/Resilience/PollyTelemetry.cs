using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MultiModel.Diagnostics;
using Polly;
using Polly.Telemetry;

namespace MultiModel.Resilience;

/// <summary>
/// Tunes Polly's telemetry for the pipelines of MultiModel's providers: metrics get the provider's name, and the
/// events MultiModel already reports (an attempt's failure, circuit transitions, cooldowns) are logged by Polly at
/// Debug only, so no failure is warned about twice. A retry is logged at Information.
/// </summary>
/// <remarks>
/// MultiModel's own pipelines are named <c>MultiModel.{provider}</c> with the provider as instance name; a standard
/// resilience handler on a provider's client is named <c>MultiModel.{provider}-standard</c> by the package.
/// </remarks>
internal sealed class PollyTelemetry : MeteringEnricher
{
    public const string PipelinePrefix = "MultiModel.";
    private const string StandardSuffix = "-standard";

    private PollyTelemetry()
    {
    }

    public static PollyTelemetry Enricher { get; } = new();

    public static string PipelineName(string providerName) => PipelinePrefix + providerName;

    /// <summary>Adds the enricher and the severity rule to <paramref name="options"/>, keeping what is already there for other pipelines.</summary>
    public static void Apply(TelemetryOptions options, ILoggerFactory? loggerFactory)
    {
        if (options.LoggerFactory is NullLoggerFactory && loggerFactory is not null)
        {
            options.LoggerFactory = loggerFactory;
        }

        if (!options.MeteringEnrichers.Contains(Enricher))
        {
            options.MeteringEnrichers.Add(Enricher);
        }

        var other = options.SeverityProvider;
        options.SeverityProvider = args => IsProviderPipeline(args.Source)
            ? (args.Event.EventName == "OnRetry" ? ResilienceEventSeverity.Information : ResilienceEventSeverity.Debug)
            : other?.Invoke(args) ?? args.Event.Severity;
    }

    public override void Enrich<TResult, TArgs>(in EnrichmentContext<TResult, TArgs> context)
    {
        if (ProviderOf(context.TelemetryEvent.Source) is { } provider)
        {
            context.Tags.Add(new(TelemetryTags.ProviderName, provider));
        }
    }

    /// <summary>Tells a provider's pipeline from others without finding the provider's name (the severity of every event asks).</summary>
    private static bool IsProviderPipeline(ResilienceTelemetrySource source) =>
        source.PipelineName?.StartsWith(PipelinePrefix, StringComparison.Ordinal) == true;

    private static string? ProviderOf(ResilienceTelemetrySource source)
    {
        if (!IsProviderPipeline(source))
        {
            return null;
        }

        var name = source.PipelineName!;
        if (!string.IsNullOrEmpty(source.PipelineInstanceName))
        {
            return source.PipelineInstanceName;
        }

        return name.EndsWith(StandardSuffix, StringComparison.Ordinal)
            ? name[PipelinePrefix.Length..^StandardSuffix.Length]
            : name[PipelinePrefix.Length..];
    }
}
