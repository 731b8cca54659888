using BenchmarkDotNet.Attributes;
using MultiModel.Benchmarks.Infrastructure;
using MultiModel.Benchmarks.Raw;
using MultiModel.Failover;

namespace MultiModel.Benchmarks.Benchmarks;

/// <summary>
/// The failover path on the Anthropic wire format: the primary answers HTTP 503, the secondary answers the canned
/// answer. The floor is the same two round trips done by hand (a 503, then a good call) with the raw client.
/// </summary>
[MemoryDiagnoser]
public class FailoverBenchmarks : EmulatorBenchmarkBase
{
    private readonly ChatRequest _request = Scenario.Request();
    private RawAnthropicClient _rawDown = null!;
    private RawAnthropicClient _rawOk = null!;
    private FailoverChatClient _failover = null!;

    /// <summary>The failed primary's round trip alone.</summary>
    [Benchmark]
    public Task<int> Raw_503() => _rawDown.GetStatusAsync(Scenario.Prompt, Scenario.MaxTokens);

    /// <summary>The floor of a failover: the 503 round trip, then the good call.</summary>
    [Benchmark(Baseline = true)]
    public async Task<string> Raw_503_Then_Ok()
    {
        _ = await _rawDown.GetStatusAsync(Scenario.Prompt, Scenario.MaxTokens).ConfigureAwait(false);
        return await _rawOk.GetTextAsync(Scenario.Prompt, Scenario.MaxTokens).ConfigureAwait(false);
    }

    [Benchmark]
    public Task<ChatResponse> MultiModel_Failover_503_To_Claude() => _failover.GetResponseAsync(_request);

    protected override void CreateClients()
    {
        _rawDown = Clients.RawAnthropic(Server.Down);
        _rawOk = Clients.RawAnthropic(Server.Ok);
        _failover = Clients.Failover(Clients.Claude(Server.Down, "primary"), Clients.Claude(Server.Ok, "secondary"));
    }
}
