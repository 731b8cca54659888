using System.Runtime.InteropServices;

namespace MultiModel.Benchmarks.Report;

/// <summary>Describes the machine a run happened on: CPU, cores, memory, OS and .NET.</summary>
internal static class MachineInfo
{
    public static IEnumerable<(string Name, string Value)> Describe()
    {
        yield return ("CPU", ReadCpuModel());
        yield return ("Logical cores", Environment.ProcessorCount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        yield return ("Memory", ReadMemory());
        yield return ("OS", $"{ReadOsName()} ({RuntimeInformation.OSDescription.Trim()}, {RuntimeInformation.OSArchitecture})");
        yield return (".NET", $"{RuntimeInformation.FrameworkDescription} ({(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC)");
        yield return ("BenchmarkDotNet", typeof(BenchmarkDotNet.Running.BenchmarkRunner).Assembly.GetName().Version?.ToString() ?? "?");
    }

    private static string ReadCpuModel() =>
        ReadLines("/proc/cpuinfo").Where(l => l.StartsWith("model name", StringComparison.Ordinal)).Select(l => l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim()).FirstOrDefault()
        ?? RuntimeInformation.ProcessArchitecture.ToString();

    private static string ReadMemory() =>
        ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal)) is { } line
        && long.TryParse(line["MemTotal:".Length..].Replace("kB", string.Empty, StringComparison.Ordinal).Trim(), out var kb)
            ? $"{kb / 1024 / 1024.0:0.0} GiB"
            : "?";

    private static string ReadOsName() =>
        ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal)) is { } line
            ? line["PRETTY_NAME=".Length..].Trim('"')
            : RuntimeInformation.OSDescription;

    private static string[] ReadLines(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllLines(path) : [];
        }
        catch (IOException)
        {
            return [];
        }
    }
}
