using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using MultiModel.Benchmarks.Infrastructure;
using MultiModel.Benchmarks.Raw;

namespace MultiModel.Benchmarks.Benchmarks;

/// <summary>One whole (non-streamed) call with the canned 400-token answer, per client, per wire format.</summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class NonStreamingBenchmarks : PeerBenchmarkBase
{
    [BenchmarkCategory("Anthropic"), Benchmark(Baseline = true)]
    public Task<string> Raw_Anthropic() => RawAnthropicClient.GetTextAsync(Scenario.Prompt, Scenario.MaxTokens);

    [BenchmarkCategory("Anthropic"), Benchmark]
    public Task<string> Sdk_Anthropic() => PeerCalls.AnthropicTextAsync(AnthropicSdkClient);

    [BenchmarkCategory("Anthropic"), Benchmark]
    public Task<ChatResponse> MultiModel_Claude() => ClaudeProvider.GetResponseAsync(Request);

    [BenchmarkCategory("Anthropic"), Benchmark]
    public Task<ChatResponse> MultiModel_Failover_Claude() => FailoverOverClaude.GetResponseAsync(Request);

    [BenchmarkCategory("Anthropic"), Benchmark]
    public Task<ChatResponse> MultiModel_Resilient_Claude() => ByHandResilientClaude.GetResponseAsync(Request);

    [BenchmarkCategory("Anthropic"), Benchmark]
    public Task<ChatResponse> MultiModel_DI_Claude() => DiClaude.GetResponseAsync(Request);

    [BenchmarkCategory("xAI"), Benchmark(Baseline = true)]
    public Task<string> Raw_Xai() => RawXaiClient.GetTextAsync(Scenario.Prompt, Scenario.MaxTokens);

    [BenchmarkCategory("xAI"), Benchmark]
    public Task<string> Sdk_OpenAI() => PeerCalls.OpenAITextAsync(OpenAISdkClient);

    [BenchmarkCategory("xAI"), Benchmark]
    public Task<ChatResponse> MultiModel_Grok() => GrokProvider.GetResponseAsync(Request);

    [BenchmarkCategory("xAI"), Benchmark]
    public Task<ChatResponse> MultiModel_Failover_Grok() => FailoverOverGrok.GetResponseAsync(Request);

    [BenchmarkCategory("xAI"), Benchmark]
    public Task<ChatResponse> MultiModel_Resilient_Grok() => ByHandResilientGrok.GetResponseAsync(Request);

    [BenchmarkCategory("xAI"), Benchmark]
    public Task<ChatResponse> MultiModel_DI_Grok() => DiGrok.GetResponseAsync(Request);
}
