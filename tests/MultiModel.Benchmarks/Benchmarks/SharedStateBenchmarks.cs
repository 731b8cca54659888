using BenchmarkDotNet.Attributes;
using Garnet;
using Microsoft.Extensions.DependencyInjection;
using MultiModel.Failover;
using MultiModel.Redis.Tests.TestSupport;
using MultiModel.Resilience;

namespace MultiModel.Benchmarks.Benchmarks;

/// <summary>
/// What the shared store adds to a call, measured without any network on the call path: a chain whose provider answers
/// from memory, with the same rate budget (requests and tokens) and the same health lookups, kept by the in-process
/// store or by the Redis store (an embedded Garnet in this process). The difference is the shared store's per-call work:
/// reading the local copy, spending and settling the leased allowance. Leases are renewed in the background.
/// </summary>
[MemoryDiagnoser]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable", Justification = "BenchmarkDotNet's GlobalCleanup disposes them.")]
public class SharedStateBenchmarks
{
    private const string ProviderName = "instant";
    private readonly ChatRequest _request = new("Summarize the last telemetry pass.") { MaxOutputTokens = 64 };
    private GarnetServer _garnet = null!;
    private ServiceProvider _container = null!;
    private FailoverChatClient _inProcess = null!;
    private FailoverChatClient _shared = null!;

    [GlobalSetup]
    public void Setup()
    {
        var port = EmbeddedGarnet.FreePort();
        _garnet = EmbeddedGarnet.Start(port);

        var services = new ServiceCollection();
        services.AddMultiModel().AddGrok(configure: grok => grok.BaseUrl = new Uri("http://127.0.0.1:9/v1"))
            .AddRedisSharedState(shared => (shared.Configuration, shared.KeyPrefix) = ($"127.0.0.1:{port}", "bench"));
        _container = services.BuildServiceProvider();
        var sharedStore = _container.GetRequiredService<IProviderHealthStore>();
        var inProcessStore = new InMemoryProviderHealthStore();
        var identity = ProviderIdentity.Create(new Uri("https://api.example"), "instant-model", "bench-key");
        var limits = new ProviderRateLimitOptions { RequestsPerMinute = int.MaxValue, TokensPerMinute = int.MaxValue }; // never reached by a run
        foreach (var store in new[] { sharedStore, inProcessStore })
        {
            store.Register(ProviderName, identity, limits);
        }

        var provider = new SkipBenchmarks.InstantProvider(ProviderName);
        _inProcess = new FailoverChatClient([provider], new FailoverChatClientOptions { HealthSource = inProcessStore });
        _shared = new FailoverChatClient([provider], new FailoverChatClientOptions { HealthSource = sharedStore });

        // The first lease arrives in the background: wait for it, so every measured call spends a local allowance.
        var started = TimeProvider.System.GetTimestamp();
        while (!sharedStore.HasBudget(new RateBudgetRequest(provider, _request)) || !sharedStore.ReserveBudget(new RateBudgetRequest(provider, _request)).IsGranted)
        {
            if (TimeProvider.System.GetElapsedTime(started) > TimeSpan.FromSeconds(10))
            {
                throw new InvalidOperationException("The shared store got no lease from the embedded server.");
            }

            Thread.Sleep(20);
        }

        // Leases follow demand (twice what the last one saw spent), and a lease taken while the loop above idled holds
        // little: a tight loop of calls outruns it once and fails over (the refusal makes the next lease ask for the
        // most). Run calls until the allowance has grown to the benchmark's pace, so that every measured call is
        // granted from the local copy: the steady state this benchmark measures.
        var granted = 0;
        while (granted < 500_000)
        {
            try
            {
                _shared.GetResponseAsync(_request).GetAwaiter().GetResult();
                granted++;
            }
            catch (ChatFailoverException) when (TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(30))
            {
                granted = 0;
                Thread.Sleep(5); // the refusal asked for a larger lease; it arrives in the background
            }
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _container?.Dispose();
        _garnet?.Dispose();
    }

    [Benchmark(Baseline = true)]
    public Task<ChatResponse> Budgeted_InProcessStore() => _inProcess.GetResponseAsync(_request);

    [Benchmark]
    public Task<ChatResponse> Budgeted_SharedRedisStore() => _shared.GetResponseAsync(_request);
}
