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

/// <summary>One whole (non-streamed) call with the canned 400-token answer, per client, per wire format.</summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class NonStreamingBenchmarks : EmulatorBenchmarkBase
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

    [BenchmarkCategory("Anthropic"), Benchmark(Baseline = true)]
    public Task<string> Raw_Anthropic() => _rawAnthropic.GetTextAsync(Scenario.Prompt, Scenario.MaxTokens);

    [BenchmarkCategory("Anthropic"), Benchmark]
    public Task<string> Sdk_Anthropic() => PeerCalls.AnthropicTextAsync(_anthropicSdk);

    [BenchmarkCategory("Anthropic"), Benchmark]
    public Task<ChatResponse> MultiModel_Claude() => _claude.GetResponseAsync(_request);

    [BenchmarkCategory("Anthropic"), Benchmark]
    public Task<ChatResponse> MultiModel_Failover_Claude() => _failoverClaude.GetResponseAsync(_request);

    [BenchmarkCategory("xAI"), Benchmark(Baseline = true)]
    public Task<string> Raw_Xai() => _rawXai.GetTextAsync(Scenario.Prompt, Scenario.MaxTokens);

    [BenchmarkCategory("xAI"), Benchmark]
    public Task<string> Sdk_OpenAI() => PeerCalls.OpenAITextAsync(_openAISdk);

    [BenchmarkCategory("xAI"), Benchmark]
    public Task<ChatResponse> MultiModel_Grok() => _grok.GetResponseAsync(_request);

    [BenchmarkCategory("xAI"), Benchmark]
    public Task<ChatResponse> MultiModel_Failover_Grok() => _failoverGrok.GetResponseAsync(_request);

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
