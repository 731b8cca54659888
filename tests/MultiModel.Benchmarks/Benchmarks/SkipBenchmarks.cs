using BenchmarkDotNet.Attributes;
using MultiModel.Failover;
using MultiModel.Resilience;

namespace MultiModel.Benchmarks.Benchmarks;

/// <summary>
/// The cost of skipping a provider whose circuit is open, measured without any network: the providers answer from
/// memory, so the difference between the two chains is the skip alone (health lookup, skipped-attempt record).
/// </summary>
[MemoryDiagnoser]
public class SkipBenchmarks
{
    private readonly ChatRequest _request = new("hello") { MaxOutputTokens = 64 };
    private FailoverChatClient _direct = null!;
    private FailoverChatClient _withOpenCircuit = null!;

    [GlobalSetup]
    public void Setup()
    {
        var healthy = new InstantProvider("healthy");
        _direct = new FailoverChatClient([healthy]);
        _withOpenCircuit = new FailoverChatClient(
            [new InstantProvider("broken"), healthy],
            new FailoverChatClientOptions { HealthSource = new OpenCircuitHealthSource("broken") });
    }

    [Benchmark(Baseline = true)]
    public Task<ChatResponse> Failover_OneProvider() => _direct.GetResponseAsync(_request);

    [Benchmark]
    public Task<ChatResponse> Failover_OpenCircuit_Then_Provider() => _withOpenCircuit.GetResponseAsync(_request);

    /// <summary>A provider that answers at once from memory.</summary>
    internal sealed class InstantProvider(string name) : IChatProvider
    {
        private readonly Task<ChatResponse> _answer = Task.FromResult(new ChatResponse
        {
            Text = Testing.EmulatorBehavior.CannedText(40),
            ProviderName = name,
            ModelId = "memory",
            FinishReason = ChatFinishReason.Stop,
            Usage = new ChatUsage { InputTokens = 10, OutputTokens = 40 },
        });

        public string Name => name;

        public Task<ChatResponse> GetResponseAsync(ChatRequest request, CancellationToken cancellationToken = default) => _answer;

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(ChatRequest request, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();
    }

    /// <summary>A health source that reports one provider's circuit open (as the resilience pipeline's registry would).</summary>
    private sealed class OpenCircuitHealthSource(string brokenName) : IProviderHealthSource
    {
        private readonly ProviderHealth _open = ProviderHealth.Open(DateTimeOffset.MaxValue);

        public ProviderHealth GetHealth(string providerName) =>
            string.Equals(providerName, brokenName, StringComparison.Ordinal) ? _open : ProviderHealth.Available;
    }
}
