using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using MultiModel.Benchmarks.Infrastructure;

namespace MultiModel.Benchmarks.Benchmarks;

/// <summary>
/// Streamed calls of the canned 400-token answer (400 deltas). "FirstDelta" stops at the first text delta (time to
/// first delta); "AllDeltas" reads to the end (time to last delta; allocation / 400 = allocation per delta).
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class StreamingBenchmarks : PeerBenchmarkBase
{
    [BenchmarkCategory("Anthropic FirstDelta"), Benchmark(Baseline = true)]
    public Task<string> FirstDelta_Raw_Anthropic() => Updates.FirstAsync(RawAnthropicClient.StreamTextAsync(Scenario.Prompt, Scenario.MaxTokens));

    [BenchmarkCategory("Anthropic FirstDelta"), Benchmark]
    public Task<string> FirstDelta_Sdk_Anthropic() => Updates.FirstAsync(PeerCalls.AnthropicStreamAsync(AnthropicSdkClient));

    [BenchmarkCategory("Anthropic FirstDelta"), Benchmark]
    public Task<string> FirstDelta_MultiModel_Claude() => Updates.FirstAsync(ClaudeProvider.GetStreamingResponseAsync(Request));

    [BenchmarkCategory("Anthropic FirstDelta"), Benchmark]
    public Task<string> FirstDelta_MultiModel_Failover_Claude() => Updates.FirstAsync(FailoverOverClaude.GetStreamingResponseAsync(Request));

    [BenchmarkCategory("Anthropic FirstDelta"), Benchmark]
    public Task<string> FirstDelta_MultiModel_DI_Claude() => Updates.FirstAsync(DiClaude.GetStreamingResponseAsync(Request));

    [BenchmarkCategory("Anthropic AllDeltas"), Benchmark(Baseline = true)]
    public Task<int> AllDeltas_Raw_Anthropic() => Updates.CountAsync(RawAnthropicClient.StreamTextAsync(Scenario.Prompt, Scenario.MaxTokens));

    [BenchmarkCategory("Anthropic AllDeltas"), Benchmark]
    public Task<int> AllDeltas_Sdk_Anthropic() => Updates.CountAsync(PeerCalls.AnthropicStreamAsync(AnthropicSdkClient));

    [BenchmarkCategory("Anthropic AllDeltas"), Benchmark]
    public Task<int> AllDeltas_MultiModel_Claude() => Updates.CountAsync(ClaudeProvider.GetStreamingResponseAsync(Request));

    [BenchmarkCategory("Anthropic AllDeltas"), Benchmark]
    public Task<int> AllDeltas_MultiModel_Failover_Claude() => Updates.CountAsync(FailoverOverClaude.GetStreamingResponseAsync(Request));

    [BenchmarkCategory("Anthropic AllDeltas"), Benchmark]
    public Task<int> AllDeltas_MultiModel_DI_Claude() => Updates.CountAsync(DiClaude.GetStreamingResponseAsync(Request));

    [BenchmarkCategory("xAI FirstDelta"), Benchmark(Baseline = true)]
    public Task<string> FirstDelta_Raw_Xai() => Updates.FirstAsync(RawXaiClient.StreamTextAsync(Scenario.Prompt, Scenario.MaxTokens));

    [BenchmarkCategory("xAI FirstDelta"), Benchmark]
    public Task<string> FirstDelta_Sdk_OpenAI() => Updates.FirstAsync(PeerCalls.OpenAIStreamAsync(OpenAISdkClient));

    [BenchmarkCategory("xAI FirstDelta"), Benchmark]
    public Task<string> FirstDelta_MultiModel_Grok() => Updates.FirstAsync(GrokProvider.GetStreamingResponseAsync(Request));

    [BenchmarkCategory("xAI FirstDelta"), Benchmark]
    public Task<string> FirstDelta_MultiModel_Failover_Grok() => Updates.FirstAsync(FailoverOverGrok.GetStreamingResponseAsync(Request));

    [BenchmarkCategory("xAI FirstDelta"), Benchmark]
    public Task<string> FirstDelta_MultiModel_DI_Grok() => Updates.FirstAsync(DiGrok.GetStreamingResponseAsync(Request));

    [BenchmarkCategory("xAI AllDeltas"), Benchmark(Baseline = true)]
    public Task<int> AllDeltas_Raw_Xai() => Updates.CountAsync(RawXaiClient.StreamTextAsync(Scenario.Prompt, Scenario.MaxTokens));

    [BenchmarkCategory("xAI AllDeltas"), Benchmark]
    public Task<int> AllDeltas_Sdk_OpenAI() => Updates.CountAsync(PeerCalls.OpenAIStreamAsync(OpenAISdkClient));

    [BenchmarkCategory("xAI AllDeltas"), Benchmark]
    public Task<int> AllDeltas_MultiModel_Grok() => Updates.CountAsync(GrokProvider.GetStreamingResponseAsync(Request));

    [BenchmarkCategory("xAI AllDeltas"), Benchmark]
    public Task<int> AllDeltas_MultiModel_Failover_Grok() => Updates.CountAsync(FailoverOverGrok.GetStreamingResponseAsync(Request));

    [BenchmarkCategory("xAI AllDeltas"), Benchmark]
    public Task<int> AllDeltas_MultiModel_DI_Grok() => Updates.CountAsync(DiGrok.GetStreamingResponseAsync(Request));
}
