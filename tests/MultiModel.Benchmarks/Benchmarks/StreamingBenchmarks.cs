using Anthropic;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using MultiModel.Benchmarks.Infrastructure;
using MultiModel.Benchmarks.Raw;
using MultiModel.Failover;
using MultiModel.Providers.Claude;
using MultiModel.Providers.Grok;
using OpenAI.Chat;

namespace MultiModel.Benchmarks.Benchmarks;

/// <summary>
/// Streamed calls of the canned 400-token answer (400 deltas). "FirstDelta" stops at the first text delta (time to
/// first delta); "AllDeltas" reads to the end (time to last delta; allocation / 400 = allocation per delta).
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class StreamingBenchmarks : EmulatorBenchmarkBase
{
    private readonly ChatRequest _request = Scenario.Request();
    private RawAnthropicClient _rawAnthropic = null!;
    private RawXaiClient _rawXai = null!;
    private AnthropicClient _anthropicSdk = null!;
    private ChatClient _openAISdk = null!;
    private ClaudeChatProvider _claude = null!;
    private GrokChatProvider _grok = null!;
    private FailoverChatClient _failoverClaude = null!;
    private FailoverChatClient _failoverGrok = null!;

    [BenchmarkCategory("Anthropic FirstDelta"), Benchmark(Baseline = true)]
    public Task<string> FirstDelta_Raw_Anthropic() => Updates.FirstAsync(_rawAnthropic.StreamTextAsync(Scenario.Prompt, Scenario.MaxTokens));

    [BenchmarkCategory("Anthropic FirstDelta"), Benchmark]
    public Task<string> FirstDelta_Sdk_Anthropic() => Updates.FirstAsync(PeerCalls.AnthropicStreamAsync(_anthropicSdk));

    [BenchmarkCategory("Anthropic FirstDelta"), Benchmark]
    public Task<string> FirstDelta_MultiModel_Claude() => Updates.FirstAsync(_claude.GetStreamingResponseAsync(_request));

    [BenchmarkCategory("Anthropic FirstDelta"), Benchmark]
    public Task<string> FirstDelta_MultiModel_Failover_Claude() => Updates.FirstAsync(_failoverClaude.GetStreamingResponseAsync(_request));

    [BenchmarkCategory("Anthropic AllDeltas"), Benchmark(Baseline = true)]
    public Task<int> AllDeltas_Raw_Anthropic() => Updates.CountAsync(_rawAnthropic.StreamTextAsync(Scenario.Prompt, Scenario.MaxTokens));

    [BenchmarkCategory("Anthropic AllDeltas"), Benchmark]
    public Task<int> AllDeltas_Sdk_Anthropic() => Updates.CountAsync(PeerCalls.AnthropicStreamAsync(_anthropicSdk));

    [BenchmarkCategory("Anthropic AllDeltas"), Benchmark]
    public Task<int> AllDeltas_MultiModel_Claude() => Updates.CountAsync(_claude.GetStreamingResponseAsync(_request));

    [BenchmarkCategory("Anthropic AllDeltas"), Benchmark]
    public Task<int> AllDeltas_MultiModel_Failover_Claude() => Updates.CountAsync(_failoverClaude.GetStreamingResponseAsync(_request));

    [BenchmarkCategory("xAI FirstDelta"), Benchmark(Baseline = true)]
    public Task<string> FirstDelta_Raw_Xai() => Updates.FirstAsync(_rawXai.StreamTextAsync(Scenario.Prompt, Scenario.MaxTokens));

    [BenchmarkCategory("xAI FirstDelta"), Benchmark]
    public Task<string> FirstDelta_Sdk_OpenAI() => Updates.FirstAsync(PeerCalls.OpenAIStreamAsync(_openAISdk));

    [BenchmarkCategory("xAI FirstDelta"), Benchmark]
    public Task<string> FirstDelta_MultiModel_Grok() => Updates.FirstAsync(_grok.GetStreamingResponseAsync(_request));

    [BenchmarkCategory("xAI FirstDelta"), Benchmark]
    public Task<string> FirstDelta_MultiModel_Failover_Grok() => Updates.FirstAsync(_failoverGrok.GetStreamingResponseAsync(_request));

    [BenchmarkCategory("xAI AllDeltas"), Benchmark(Baseline = true)]
    public Task<int> AllDeltas_Raw_Xai() => Updates.CountAsync(_rawXai.StreamTextAsync(Scenario.Prompt, Scenario.MaxTokens));

    [BenchmarkCategory("xAI AllDeltas"), Benchmark]
    public Task<int> AllDeltas_Sdk_OpenAI() => Updates.CountAsync(PeerCalls.OpenAIStreamAsync(_openAISdk));

    [BenchmarkCategory("xAI AllDeltas"), Benchmark]
    public Task<int> AllDeltas_MultiModel_Grok() => Updates.CountAsync(_grok.GetStreamingResponseAsync(_request));

    [BenchmarkCategory("xAI AllDeltas"), Benchmark]
    public Task<int> AllDeltas_MultiModel_Failover_Grok() => Updates.CountAsync(_failoverGrok.GetStreamingResponseAsync(_request));

    protected override void CreateClients()
    {
        var ok = Server.Ok;
        _rawAnthropic = Clients.RawAnthropic(ok);
        _rawXai = Clients.RawXai(ok);
        _anthropicSdk = Clients.AnthropicSdk(ok);
        _openAISdk = Clients.OpenAISdk(ok);
        _claude = Clients.Claude(ok);
        _grok = Clients.Grok(ok);
        _failoverClaude = Clients.Failover(Clients.Claude(ok));
        _failoverGrok = Clients.Failover(Clients.Grok(ok));
    }
}
