using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using MultiModel.Benchmarks.Infrastructure;
using MultiModel.Benchmarks.Raw;

namespace MultiModel.Benchmarks.Benchmarks;

/// <summary>
/// 64 concurrent callers, each making one whole call; the time per operation is per call (64 calls per invocation),
/// so 1 / Mean is the throughput.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class ConcurrencyBenchmarks : PeerBenchmarkBase
{
    public const int Callers = 64;

    private readonly Task[] _tasks = new Task[Callers];

    [BenchmarkCategory("Anthropic x64"), Benchmark(Baseline = true, OperationsPerInvoke = Callers)]
    public Task Raw_Anthropic() => RunAll(() => RawAnthropicClient.GetTextAsync(Scenario.Prompt, Scenario.MaxTokens));

    [BenchmarkCategory("Anthropic x64"), Benchmark(OperationsPerInvoke = Callers)]
    public Task Sdk_Anthropic() => RunAll(() => PeerCalls.AnthropicTextAsync(AnthropicSdkClient));

    [BenchmarkCategory("Anthropic x64"), Benchmark(OperationsPerInvoke = Callers)]
    public Task MultiModel_Claude() => RunAll(() => ClaudeProvider.GetResponseAsync(Request));

    [BenchmarkCategory("Anthropic x64"), Benchmark(OperationsPerInvoke = Callers)]
    public Task MultiModel_Failover_Claude() => RunAll(() => FailoverOverClaude.GetResponseAsync(Request));

    [BenchmarkCategory("Anthropic x64"), Benchmark(OperationsPerInvoke = Callers)]
    public Task MultiModel_DI_Claude() => RunAll(() => DiClaude.GetResponseAsync(Request));

    [BenchmarkCategory("xAI x64"), Benchmark(Baseline = true, OperationsPerInvoke = Callers)]
    public Task Raw_Xai() => RunAll(() => RawXaiClient.GetTextAsync(Scenario.Prompt, Scenario.MaxTokens));

    [BenchmarkCategory("xAI x64"), Benchmark(OperationsPerInvoke = Callers)]
    public Task Sdk_OpenAI() => RunAll(() => PeerCalls.OpenAITextAsync(OpenAISdkClient));

    [BenchmarkCategory("xAI x64"), Benchmark(OperationsPerInvoke = Callers)]
    public Task MultiModel_Grok() => RunAll(() => GrokProvider.GetResponseAsync(Request));

    [BenchmarkCategory("xAI x64"), Benchmark(OperationsPerInvoke = Callers)]
    public Task MultiModel_Failover_Grok() => RunAll(() => FailoverOverGrok.GetResponseAsync(Request));

    [BenchmarkCategory("xAI x64"), Benchmark(OperationsPerInvoke = Callers)]
    public Task MultiModel_DI_Grok() => RunAll(() => DiGrok.GetResponseAsync(Request));

    /// <summary>Starts the 64 callers on the thread pool at once and waits for all of them.</summary>
    private Task RunAll(Func<Task> call)
    {
        for (var i = 0; i < _tasks.Length; i++)
        {
            _tasks[i] = Task.Run(call);
        }

        return Task.WhenAll(_tasks);
    }
}
