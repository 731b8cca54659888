using BenchmarkDotNet.Reports;

namespace MultiModel.Benchmarks.Report;

/// <summary>The mean time and allocation of every benchmark of a run, by class, method and parameter.</summary>
internal sealed class Results
{
    private readonly Dictionary<string, (double MeanNs, double AllocatedBytes)> _byKey = new(StringComparer.Ordinal);

    public Results(IEnumerable<Summary> summaries)
    {
        foreach (var summary in summaries)
        {
            foreach (var report in summary.Reports)
            {
                if (report.ResultStatistics is not { } statistics)
                {
                    continue;
                }

                var benchmark = report.BenchmarkCase;
                var key = Key(benchmark.Descriptor.Type.Name, benchmark.Descriptor.WorkloadMethod.Name, benchmark.Parameters.Count == 0 ? null : benchmark.Parameters[0].Value?.ToString());
                _byKey[key] = (statistics.Mean, report.GcStats.GetBytesAllocatedPerOperation(benchmark) ?? double.NaN);
            }
        }
    }

    public double Mean(string type, string method, string? parameter = null) =>
        _byKey.TryGetValue(Key(type, method, parameter), out var value) ? value.MeanNs : double.NaN;

    public double Allocated(string type, string method, string? parameter = null) =>
        _byKey.TryGetValue(Key(type, method, parameter), out var value) ? value.AllocatedBytes : double.NaN;

    private static string Key(string type, string method, string? parameter) => parameter is null ? $"{type}.{method}" : $"{type}.{method}@{parameter}";
}
