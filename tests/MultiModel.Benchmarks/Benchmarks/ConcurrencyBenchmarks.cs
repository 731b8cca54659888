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
/// 64 concurrent callers, each making one whole call; the time per operation is per call (64 calls per invocation),
/// so 1 / Mean is the throughput.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class ConcurrencyBenchmarks : EmulatorBenchmarkBase
{
    public const int Callers = 64;

    private readonly ChatRequest _request = Scenario.Request();
    private readonly Task[] _tasks = new Task[Callers];
    private RawAnthropicClient _rawAnthropic = null!;
    private RawXaiClient _rawXai = null!;
    private AnthropicClient _anthropicSdk = null!;
    private ChatClient _openAISdk = null!;
    private ClaudeChatProvider _claude = null!;
    private GrokChatProvider _grok = null!;
    private FailoverChatClient _failoverClaude = null!;
    private FailoverChatClient _failoverGrok = null!;

    [BenchmarkCategory("Anthropic x64"), Benchmark(Baseline = true, OperationsPerInvoke = Callers)]
    public Task Raw_Anthropic() => RunAll(() => _rawAnthropic.GetTextAsync(Scenario.Prompt, Scenario.MaxTokens));

    [BenchmarkCategory("Anthropic x64"), Benchmark(OperationsPerInvoke = Callers)]
    public Task Sdk_Anthropic() => RunAll(() => PeerCalls.AnthropicTextAsync(_anthropicSdk));

    [BenchmarkCategory("Anthropic x64"), Benchmark(OperationsPerInvoke = Callers)]
    public Task MultiModel_Claude() => RunAll(() => _claude.GetResponseAsync(_request));

    [BenchmarkCategory("Anthropic x64"), Benchmark(OperationsPerInvoke = Callers)]
    public Task MultiModel_Failover_Claude() => RunAll(() => _failoverClaude.GetResponseAsync(_request));

    [BenchmarkCategory("xAI x64"), Benchmark(Baseline = true, OperationsPerInvoke = Callers)]
    public Task Raw_Xai() => RunAll(() => _rawXai.GetTextAsync(Scenario.Prompt, Scenario.MaxTokens));

    [BenchmarkCategory("xAI x64"), Benchmark(OperationsPerInvoke = Callers)]
    public Task Sdk_OpenAI() => RunAll(() => PeerCalls.OpenAITextAsync(_openAISdk));

    [BenchmarkCategory("xAI x64"), Benchmark(OperationsPerInvoke = Callers)]
    public Task MultiModel_Grok() => RunAll(() => _grok.GetResponseAsync(_request));

    [BenchmarkCategory("xAI x64"), Benchmark(OperationsPerInvoke = Callers)]
    public Task MultiModel_Failover_Grok() => RunAll(() => _failoverGrok.GetResponseAsync(_request));

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
