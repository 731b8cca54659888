using System.Diagnostics;

namespace MultiModel.Benchmarks.Infrastructure;

/// <summary>
/// Per-call latency of the main clients, measured interleaved (one call of each client per round, in random order), so
/// that a change in machine load hits every client alike; gives true per-call P50/P99 and ratios of medians.
/// </summary>
internal static class PairedLatency
{
    public sealed record Result(string Scenario, string Client, double P50Ns, double P99Ns, double MeanNs);

    public static async Task<IReadOnlyList<Result>> RunAsync(int rounds)
    {
        var server = EmulatorServer.Shared;
        using var clients = new Clients();
        var ok = server.Ok;
        var request = Scenario.Request();
        var rawAnthropic = clients.RawAnthropic(ok);
        var rawXai = clients.RawXai(ok);
        var claude = clients.Claude(ok);
        var grok = clients.Grok(ok);
        var failoverClaude = Clients.Failover(clients.Claude(ok));
        var failoverGrok = Clients.Failover(clients.Grok(ok));
        var anthropicSdk = clients.AnthropicSdk(ok);
        var openAISdk = clients.OpenAISdk(ok);
        var resilientClaude = clients.ByHandResilient(ok, claude: true);
        var resilientGrok = clients.ByHandResilient(ok, claude: false);
        var (diClaude, diGrok) = clients.DependencyInjection(ok);

        var scenarios = new (string Scenario, string Client, Func<Task> Call)[]
        {
            ("Anthropic whole", "Raw", () => rawAnthropic.GetTextAsync(Scenario.Prompt, Scenario.MaxTokens)),
            ("Anthropic whole", "Sdk_Anthropic", () => PeerCalls.AnthropicTextAsync(anthropicSdk)),
            ("Anthropic whole", "MultiModel_Claude", () => claude.GetResponseAsync(request)),
            ("Anthropic whole", "MultiModel_Failover", () => failoverClaude.GetResponseAsync(request)),
            ("Anthropic whole", "MultiModel_Resilient", () => resilientClaude.GetResponseAsync(request)),
            ("Anthropic whole", "MultiModel_DI", () => diClaude.GetResponseAsync(request)),
            ("xAI whole", "Raw", () => rawXai.GetTextAsync(Scenario.Prompt, Scenario.MaxTokens)),
            ("xAI whole", "Sdk_OpenAI", () => PeerCalls.OpenAITextAsync(openAISdk)),
            ("xAI whole", "MultiModel_Grok", () => grok.GetResponseAsync(request)),
            ("xAI whole", "MultiModel_Failover", () => failoverGrok.GetResponseAsync(request)),
            ("xAI whole", "MultiModel_Resilient", () => resilientGrok.GetResponseAsync(request)),
            ("xAI whole", "MultiModel_DI", () => diGrok.GetResponseAsync(request)),
            ("Anthropic first delta", "Raw", () => Updates.FirstAsync(rawAnthropic.StreamTextAsync(Scenario.Prompt, Scenario.MaxTokens))),
            ("Anthropic first delta", "MultiModel_Failover", () => Updates.FirstAsync(failoverClaude.GetStreamingResponseAsync(request))),
            ("Anthropic first delta", "MultiModel_DI", () => Updates.FirstAsync(diClaude.GetStreamingResponseAsync(request))),
            ("xAI first delta", "Raw", () => Updates.FirstAsync(rawXai.StreamTextAsync(Scenario.Prompt, Scenario.MaxTokens))),
            ("xAI first delta", "MultiModel_Failover", () => Updates.FirstAsync(failoverGrok.GetStreamingResponseAsync(request))),
            ("xAI first delta", "MultiModel_DI", () => Updates.FirstAsync(diGrok.GetStreamingResponseAsync(request))),
        };

        // Whole calls and first deltas are measured apart: a stream abandoned after its first delta keeps the server
        // (and the connection drain) busy for a while, which would slow down whatever call comes next.
        var samples = scenarios.Select(_ => new double[rounds]).ToArray();
        var whole = scenarios.Count(s => s.Scenario.EndsWith(" whole", StringComparison.Ordinal));
        foreach (var group in (int[][])[[.. Enumerable.Range(0, whole)], [.. Enumerable.Range(whole, scenarios.Length - whole)]])
        {
            await MeasureAsync(scenarios.Select(s => s.Call).ToArray(), group, samples, rounds).ConfigureAwait(false);
        }

        return scenarios.Select((s, i) =>
        {
            var sorted = samples[i].Order().ToArray();
            return new Result(s.Scenario, s.Client, Percentile(sorted, 0.50), Percentile(sorted, 0.99), sorted.Average());
        }).ToList();
    }

    private static async Task MeasureAsync(Func<Task>[] calls, int[] group, double[][] samples, int rounds)
    {
        for (var warmup = 0; warmup < 50; warmup++)
        {
            foreach (var index in group)
            {
                await calls[index]().ConfigureAwait(false);
            }
        }

        // A new order every round (fixed seed), so that no client always follows the same one.
        var random = new Random(42);
        var order = group.ToArray();
        for (var round = 0; round < rounds; round++)
        {
            random.Shuffle(order);
            foreach (var index in order)
            {
                var started = Stopwatch.GetTimestamp();
                await calls[index]().ConfigureAwait(false);
                samples[index][round] = Stopwatch.GetElapsedTime(started).TotalNanoseconds;
            }
        }
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
