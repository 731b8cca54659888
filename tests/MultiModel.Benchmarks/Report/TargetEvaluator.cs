using System.Globalization;
using MultiModel.Benchmarks.Benchmarks;
using MultiModel.Benchmarks.Infrastructure;

namespace MultiModel.Benchmarks.Report;

/// <summary>Turns a run's results into the ratio summary against the performance targets.</summary>
internal static class TargetEvaluator
{
    private const double Millisecond = 1_000_000;

    public static List<TargetCheck> Evaluate(Results r, IReadOnlyList<MemoryProbe.Result> probe, IReadOnlyList<PairedLatency.Result> paired)
    {
        var checks = new List<TargetCheck>();
        double P50(string scenario, string client) => paired.FirstOrDefault(p => p.Scenario == scenario && p.Client == client)?.P50Ns ?? double.NaN;
        const string ns = nameof(NonStreamingBenchmarks);
        foreach (var (wire, raw, provider, failover, sdk, sdkName) in (ReadOnlySpan<(string, string, string, string, string, string)>)
        [
            ("Anthropic", "Raw_Anthropic", "MultiModel_Claude", "MultiModel_Failover_Claude", "Sdk_Anthropic", "Anthropic SDK"),
            ("xAI", "Raw_Xai", "MultiModel_Grok", "MultiModel_Failover_Grok", "Sdk_OpenAI", "OpenAI SDK"),
        ])
        {
            var scenario = wire + " whole";
            var ratio = P50(scenario, "MultiModel_Failover") / P50(scenario, "Raw");
            checks.Add(new($"{wire} non-streaming: FailoverChatClient time / raw (interleaved P50)", F(ratio, "0.00×"), "≤ 1.15×", Ok(ratio <= 1.15, ratio)));
            var meanRatio = r.Mean(ns, failover) / r.Mean(ns, raw);
            checks.Add(new($"{wire} non-streaming: FailoverChatClient time / raw (BenchmarkDotNet mean)", F(meanRatio, "0.00×"), "(info)", null));
            var extra = r.Allocated(ns, failover) - r.Allocated(ns, raw);
            checks.Add(new($"{wire} non-streaming: FailoverChatClient allocated − raw", TimeText.Bytes(extra), "≤ +2 KB", Ok(extra <= 2048, extra)));
            var providerRatio = r.Mean(ns, provider) / r.Mean(ns, raw);
            checks.Add(new($"{wire} non-streaming: provider alone time / raw", F(providerRatio, "0.00×"), "(info)", null));
            var vsSdkTime = P50(scenario, "MultiModel_Failover") / P50(scenario, sdk);
            var vsSdkBytes = r.Allocated(ns, failover) / r.Allocated(ns, sdk);
            checks.Add(new(
                $"{wire} non-streaming: FailoverChatClient / {sdkName} (interleaved P50 time, allocated)",
                $"{F(vsSdkTime, "0.00×")}, {F(vsSdkBytes, "0.00×")}",
                "< 1×, < 1×",
                Ok(vsSdkTime < 1 && vsSdkBytes < 1, vsSdkTime + vsSdkBytes)));
        }

        const string st = nameof(StreamingBenchmarks);
        foreach (var (wire, suffixRaw, suffixProvider, suffixFailover) in (ReadOnlySpan<(string, string, string, string)>)
        [
            ("Anthropic", "Raw_Anthropic", "MultiModel_Claude", "MultiModel_Failover_Claude"),
            ("xAI", "Raw_Xai", "MultiModel_Grok", "MultiModel_Failover_Grok"),
        ])
        {
            var behind = P50(wire + " first delta", "MultiModel_Failover") - P50(wire + " first delta", "Raw");
            checks.Add(new($"{wire} streaming: first delta, FailoverChatClient − raw (interleaved P50)", TimeText.Format(behind), "≤ 1 ms", Ok(behind <= Millisecond, behind)));
            var behindMean = r.Mean(st, "FirstDelta_" + suffixFailover) - r.Mean(st, "FirstDelta_" + suffixRaw);
            checks.Add(new($"{wire} streaming: first delta, FailoverChatClient − raw (BenchmarkDotNet mean)", TimeText.Format(behindMean), "(info)", null));
            var last = r.Mean(st, "AllDeltas_" + suffixFailover) / r.Mean(st, "AllDeltas_" + suffixRaw);
            checks.Add(new($"{wire} streaming: last delta, FailoverChatClient time / raw", F(last, "0.00×"), "(info)", null));
            var perDelta = r.Allocated(st, "AllDeltas_" + suffixProvider) / Scenario.AnswerTokens;
            var perDeltaRaw = r.Allocated(st, "AllDeltas_" + suffixRaw) / Scenario.AnswerTokens;
            checks.Add(new($"{wire} streaming: allocated per delta, provider (raw)", $"{TimeText.Bytes(perDelta)} ({TimeText.Bytes(perDeltaRaw)})", "(info)", null));
        }

        const string fo = nameof(FailoverBenchmarks);
        var failoverExtra = r.Mean(fo, "MultiModel_Failover_503_To_Claude") - r.Mean(fo, "Raw_503_Then_Ok");
        checks.Add(new("Failover 503 → secondary: time − (raw 503 + raw call)", TimeText.Format(failoverExtra), "≤ 1 ms", Ok(failoverExtra <= Millisecond, failoverExtra)));

        const string sk = nameof(SkipBenchmarks);
        var skip = r.Mean(sk, "Failover_OpenCircuit_Then_Provider") - r.Mean(sk, "Failover_OneProvider");
        checks.Add(new("Open-circuit skip cost (in memory)", TimeText.Format(skip), "≤ 10 μs", Ok(skip <= 10_000, skip)));

        const string rc = nameof(RequestCheckBenchmarks);
        var check2k = r.Mean(rc, "Check_2kTokens_BoundFits");
        checks.Add(new("Capability check, 2k-token prompt (added per call)", TimeText.Format(check2k), "≤ 2 μs", Ok(check2k <= 2_000, check2k)));
        checks.Add(new("Capability check, 2k-token prompt with the full estimate", TimeText.Format(r.Mean(rc, "Check_2kTokens_FullEstimate")), "(info)", null));
        checks.Add(new("Capability check, 150k-token log: Grok 131k refuses; Claude 200k takes", $"{TimeText.Format(r.Mean(rc, "Check_150kTokens_Grok3Refuses"))}; {TimeText.Format(r.Mean(rc, "Check_150kTokens_ClaudeTakes"))}", "(info)", null));

        const string cc = nameof(ConcurrencyBenchmarks);
        foreach (var (wire, raw, failover) in (ReadOnlySpan<(string, string, string)>)
        [
            ("Anthropic", "Raw_Anthropic", "MultiModel_Failover_Claude"),
            ("xAI", "Raw_Xai", "MultiModel_Failover_Grok"),
        ])
        {
            var throughput = r.Mean(cc, raw) / r.Mean(cc, failover);
            checks.Add(new($"{wire} 64 callers: FailoverChatClient throughput / raw", F(throughput, "0.00×"), "≥ 0.9×", Ok(throughput >= 0.9, throughput)));
        }

        // The AddMultiModel() path against the raw floor and the chains built by hand (bare, and with the resilience handler).
        foreach (var (wire, provider, raw) in (ReadOnlySpan<(string, string, string)>)[("Anthropic", "Claude", "Raw_Anthropic"), ("xAI", "Grok", "Raw_Xai")])
        {
            var sequential = P50(wire + " whole", "MultiModel_DI") / P50(wire + " whole", "Raw");
            checks.Add(new($"{wire} AddMultiModel(): sequential time / raw (interleaved P50)", F(sequential, "0.00×"), "≤ 1.10×", Ok(sequential <= 1.10, sequential)));
            var overResilient = r.Allocated(ns, "MultiModel_DI_" + provider) - r.Allocated(ns, "MultiModel_Resilient_" + provider);
            var overBare = r.Allocated(ns, "MultiModel_DI_" + provider) - r.Allocated(ns, "MultiModel_Failover_" + provider);
            checks.Add(new(
                $"{wire} AddMultiModel(): allocated − by hand with resilience (− by hand without)",
                $"{TimeText.Bytes(overResilient)} ({TimeText.Bytes(overBare)})",
                "≤ +1 KB",
                Ok(overResilient <= 1024, overResilient)));
            var throughput = r.Mean(cc, raw) / r.Mean(cc, "MultiModel_DI_" + provider);
            checks.Add(new($"{wire} AddMultiModel(): 64 callers throughput / raw", F(throughput, "0.00×"), "≥ 0.92×", Ok(throughput >= 0.92, throughput)));
            var lastToken = r.Mean(st, "AllDeltas_MultiModel_DI_" + provider) / r.Mean(st, "AllDeltas_" + raw);
            checks.Add(new($"{wire} AddMultiModel(): streaming time to last token / raw", F(lastToken, "0.00×"), "≤ 1.15×", Ok(lastToken <= 1.15, lastToken)));
        }

        const string ls = nameof(LargeStreamBenchmarks);
        foreach (var (wire, method) in (ReadOnlySpan<(string, string)>)[("Anthropic", "MultiModel_Claude"), ("xAI", "MultiModel_Grok")])
        {
            var perDelta1 = r.Allocated(ls, method, "1") / ((1 << 20) / EmulatorServer.LargeWordLength);
            var perDelta10 = r.Allocated(ls, method, "10") / ((10 << 20) / EmulatorServer.LargeWordLength);
            var growth = perDelta10 / perDelta1;
            var live = probe.FirstOrDefault(p => p.Client == method && p.Megabytes == 10)?.LiveHeapGrowthBytes ?? double.NaN;
            checks.Add(new(
                $"{wire} 10 MB stream: allocated per delta 10 MB / 1 MB; live heap growth mid-stream",
                $"{F(growth, "0.00×")}; {TimeText.Bytes(live)}",
                "≤ 1.10×; < 1 MB",
                Ok(growth <= 1.10 && live < 1 << 20, growth + live)));
        }

        return checks;
    }

    private static bool? Ok(bool condition, double value) => double.IsNaN(value) ? null : condition;

    private static string F(double value, string format) => double.IsNaN(value) ? "NA" : value.ToString(format, CultureInfo.InvariantCulture);
}
