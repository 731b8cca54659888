using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using MultiModel.Benchmarks.Infrastructure;
using MultiModel.Benchmarks.Raw;
using MultiModel.Providers.Claude;
using MultiModel.Providers.Grok;

namespace MultiModel.Benchmarks.Benchmarks;

/// <summary>
/// A 1 MB and a 10 MB streamed answer (256-character deltas) read through the provider stream alone, without keeping
/// the text: allocation per delta must not grow with the answer (the provider yields deltas, it does not accumulate).
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory, BenchmarkLogicalGroupRule.ByParams)]
[CategoriesColumn]
public class LargeStreamBenchmarks : EmulatorBenchmarkBase
{
    private readonly ChatRequest _request = Scenario.Request(Scenario.LargeMaxTokens);
    private RawAnthropicClient _rawAnthropic = null!;
    private RawXaiClient _rawXai = null!;
    private ClaudeChatProvider _claude = null!;
    private GrokChatProvider _grok = null!;

    [Params(1, 10)]
    public int AnswerMegabytes { get; set; }

    [BenchmarkCategory("Anthropic stream"), Benchmark(Baseline = true)]
    public Task<int> Raw_Anthropic() => Updates.CountAsync(_rawAnthropic.StreamTextAsync(Scenario.Prompt, Scenario.LargeMaxTokens));

    [BenchmarkCategory("Anthropic stream"), Benchmark]
    public Task<int> MultiModel_Claude() => Updates.CountAsync(_claude.GetStreamingResponseAsync(_request));

    [BenchmarkCategory("xAI stream"), Benchmark(Baseline = true)]
    public Task<int> Raw_Xai() => Updates.CountAsync(_rawXai.StreamTextAsync(Scenario.Prompt, Scenario.LargeMaxTokens));

    [BenchmarkCategory("xAI stream"), Benchmark]
    public Task<int> MultiModel_Grok() => Updates.CountAsync(_grok.GetStreamingResponseAsync(_request));

    protected override void CreateClients()
    {
        var root = AnswerMegabytes == 10 ? Server.Big10 : Server.Big1;
        _rawAnthropic = Clients.RawAnthropic(root);
        _rawXai = Clients.RawXai(root);
        _claude = Clients.Claude(root);
        _grok = Clients.Grok(root);
    }
}
