using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;

namespace MultiModel.Benchmarks.Infrastructure;

/// <summary>The two ways to run: quick (a smoke measurement in under two minutes) and full.</summary>
internal static class BenchConfig
{
    public static IConfig Create(bool quick, string artifacts)
    {
        // In-process: the emulator already runs in its own process, and an in-process run needs no generated project.
        var job = quick
            ? Job.Default.WithToolchain(InProcessEmitToolchain.Instance)
                .WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(3)
                .WithIterationTime(TimeInterval.FromMilliseconds(100)).WithUnrollFactor(1)
                .WithEvaluateOverhead(false)
                .WithId("Quick")
            : Job.Default.WithToolchain(InProcessEmitToolchain.Instance)
                .WithLaunchCount(1).WithWarmupCount(5).WithIterationCount(25)
                .WithIterationTime(TimeInterval.FromMilliseconds(250)).WithUnrollFactor(1)
                .WithId("Full");

        return ManualConfig.CreateEmpty()
            .AddJob(job)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddColumnProvider(DefaultColumnProviders.Descriptor, DefaultColumnProviders.Params, DefaultColumnProviders.Metrics)
            .AddColumn(CategoriesColumn.Default, StatisticColumn.Mean, StatisticColumn.StdDev, StatisticColumn.P50, StatisticColumn.P95, new PercentileColumn(99))
            .AddColumn(BaselineRatioColumn.RatioMean, BaselineAllocationRatioColumn.RatioMean)
            .AddLogger(ConsoleLogger.Default)
            .AddExporter(MarkdownExporter.GitHub)
            .WithArtifactsPath(artifacts)
            .WithOption(ConfigOptions.JoinSummary, false)
            .WithOption(ConfigOptions.DisableLogFile, true);
    }
}
