using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using MultiModel.Benchmarks.Benchmarks;
using MultiModel.Benchmarks.Infrastructure;
using MultiModel.Benchmarks.Report;

namespace MultiModel.Benchmarks;

/// <summary>
/// Runs the benchmarks: <c>--quick</c> (under two minutes) or <c>--full</c>, optionally <c>--filter *Pattern*</c> and
/// <c>--report PATH</c> to write the markdown report; <c>--smoke</c> only checks that every client works.
/// </summary>
internal static class Program
{
    private static readonly Type[] BenchmarkTypes =
    [
        typeof(NonStreamingBenchmarks),
        typeof(StreamingBenchmarks),
        typeof(FailoverBenchmarks),
        typeof(SkipBenchmarks),
        typeof(ConcurrencyBenchmarks),
        typeof(LargeStreamBenchmarks),
        typeof(RequestCheckBenchmarks),
        typeof(SharedStateBenchmarks),
        typeof(HandlerChainBenchmarks),
    ];

    public static async Task<int> Main(string[] args)
    {
        if (args is [EmulatorServer.ServeArgument, ..])
        {
            return await EmulatorServer.ServeAsync().ConfigureAwait(false);
        }

        Environment.SetEnvironmentVariable(EmulatorServer.AssemblyVariable, typeof(Program).Assembly.Location);
        if (Option(args, "--paired") is { } rounds)
        {
            foreach (var p in await PairedLatency.RunAsync(int.Parse(rounds, System.Globalization.CultureInfo.InvariantCulture)).ConfigureAwait(false))
            {
                Console.WriteLine($"{p.Scenario,-22} {p.Client,-20} P50 {TimeText.Format(p.P50Ns),12}  P99 {TimeText.Format(p.P99Ns),12}");
            }

            return 0;
        }

        if (Option(args, "--chain-latency") is { } chainRounds)
        {
            await ChainLatency.RunAsync(int.Parse(chainRounds, System.Globalization.CultureInfo.InvariantCulture)).ConfigureAwait(false);
            return 0;
        }

        if (Option(args, "--chain-loop") is { } variant)
        {
            await ChainLatency.LoopAsync(variant, int.Parse(args[Array.IndexOf(args, variant) + 1], System.Globalization.CultureInfo.InvariantCulture)).ConfigureAwait(false);
            return 0;
        }

        if (Option(args, "--alloc-profile") is { } scenario)
        {
            return await AllocationProfiler.RunAsync(scenario, int.Parse(Option(args, "--calls") ?? "20000", System.Globalization.CultureInfo.InvariantCulture)).ConfigureAwait(false);
        }

        if (await Smoke.RunAsync().ConfigureAwait(false) != 0 || args.Contains("--smoke"))
        {
            return args.Contains("--smoke") ? 0 : 1;
        }

        var quick = args.Contains("--quick");
        var mode = quick ? "quick" : "full";
        var report = Option(args, "--report");
        var filters = args.Select((a, i) => (a, i)).Where(p => p.a == "--filter" && p.i + 1 < args.Length).Select(p => args[p.i + 1]).ToArray();
        var config = BenchConfig.Create(quick, Path.Combine(Path.GetTempPath(), "MultiModel.Benchmarks.Artifacts"));
        if (filters.Length > 0)
        {
            config = BenchmarkDotNet.Configs.ManualConfig.Union(config, BenchmarkDotNet.Configs.ManualConfig.CreateEmpty().AddFilter(new GlobFilter(filters)));
        }

        Summary[] summaries = BenchmarkRunner.Run(BenchmarkTypes, config);
        var probe = filters.Length == 0 || filters.Any(f => f.Contains("Large", StringComparison.OrdinalIgnoreCase))
            ? await MemoryProbe.RunAsync().ConfigureAwait(false)
            : [];
        var paired = filters.Length == 0 ? await PairedLatency.RunAsync(quick ? 100 : 1000).ConfigureAwait(false) : [];
        var checks = TargetEvaluator.Evaluate(new Results(summaries), probe, paired);

        Console.WriteLine();
        Console.WriteLine("Targets:");
        foreach (var check in checks)
        {
            Console.WriteLine($"  {check.Verdict,-10} {check.Target}: {check.Measured} (goal {check.Goal})");
        }

        if (report is not null)
        {
            var markdown = ReportWriter.Write(mode, summaries.Where(s => s.Reports.Length > 0).ToList(), checks, probe, paired);
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(report))!);
            await File.WriteAllTextAsync(report, markdown).ConfigureAwait(false);
            Console.WriteLine($"Report written to {report}");
        }

        return summaries.Any(s => s.HasCriticalValidationErrors) ? 1 : 0;
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
