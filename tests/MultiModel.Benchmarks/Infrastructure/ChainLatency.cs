using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using MultiModel.Failover;
using MultiModel.Providers.Claude;
using MultiModel.Resilience;
using Polly;

namespace MultiModel.Benchmarks.Infrastructure;

/// <summary>
/// Where the <c>AddMultiModel()</c> path's time goes, against the emulator: one Claude chain per variant of the HTTP
/// handler chain (none, Polly pipelines with parts left out, by hand, container with and without IHttpClientFactory's
/// logging handlers added back), measured interleaved; sequential per-call P50 and the median time of 64 concurrent calls
/// (<c>--chain-latency ROUNDS</c>).
/// </summary>
internal static class ChainLatency
{
    private const int CpuBlock = 20;

    /// <summary>Calls one variant (by name) sequentially, for a profiler to attach: <c>--chain-loop NAME CALLS</c>.</summary>
    public static async Task LoopAsync(string name, int calls)
    {
        using var clients = new Clients();
        var call = Variants(clients).Single(v => v.Name == name).Call;
        for (var i = 0; i < calls; i++)
        {
            await call().ConfigureAwait(false);
        }
    }

    public static async Task RunAsync(int rounds)
    {
        using var clients = new Clients();
        var variants = Variants(clients);
        var sequential = variants.Select(_ => new double[rounds]).ToArray();
        var cpu = variants.Select(_ => new double[rounds / CpuBlock]).ToArray();
        var concurrent = variants.Select(_ => new double[Math.Max(10, rounds / 20)]).ToArray();
        await MeasureAsync(variants, sequential, 1).ConfigureAwait(false);
        await MeasureCpuAsync(variants, cpu).ConfigureAwait(false);
        await MeasureAsync(variants, concurrent, 64).ConfigureAwait(false);
        var (rawSequential, rawCpu, rawConcurrent) = (Median(sequential[0]), Median(cpu[0]), Median(concurrent[0]));
        for (var i = 0; i < variants.Length; i++)
        {
            var (p50, cpuPerCall, batch) = (Median(sequential[i]), Median(cpu[i]), Median(concurrent[i]));
            Console.WriteLine(
                $"{variants[i].Name,-30} P50 {TimeText.Format(p50),10} {p50 / rawSequential,5:0.00}×  CPU/call {TimeText.Format(cpuPerCall),10} (+{TimeText.Format(cpuPerCall - rawCpu),10})"
                + $"  64 callers {TimeText.Format(batch),10} throughput {rawConcurrent / batch,5:0.00}×");
        }
    }

    private static (string Name, Func<Task> Call)[] Variants(Clients clients)
    {
        var ok = EmulatorServer.Shared.Ok;
        var request = Scenario.Request();
        var raw = clients.RawAnthropic(ok);
        return
        [
            ("Raw", () => raw.GetTextAsync(Scenario.Prompt, Scenario.MaxTokens)),
            ("Failover", Chain(Clients.Failover(clients.Claude(ok)))),
            ("Polly empty pipeline", Chain(Polly(clients, ok, ResiliencePipeline<HttpResponseMessage>.Empty))),
            ("Polly retry+breaker", Chain(Polly(clients, ok, Benchmarks.HandlerChainBenchmarks.Pipeline(telemetry: false, timeout: false)))),
            ("Polly +timeout", Chain(Polly(clients, ok, Benchmarks.HandlerChainBenchmarks.Pipeline(telemetry: false, timeout: true)))),
            ("Polly +timeout+telemetry", Chain(Polly(clients, ok, Benchmarks.HandlerChainBenchmarks.Pipeline(telemetry: true, timeout: true)))),
            ("By hand resilient", Chain(clients.ByHandResilient(ok, claude: true))),
            ("By hand resilient +chain logs", Chain(ByHandWithLogs(clients, ok))),
            ("AddMultiModel", Chain(Container(clients, ok, defaultLoggers: false))),
            ("AddMultiModel +http loggers", Chain(Container(clients, ok, defaultLoggers: true))),
        ];

        Func<Task> Chain(FailoverChatClient client) => () => client.GetResponseAsync(request);
    }

    private static async Task MeasureAsync((string Name, Func<Task> Call)[] variants, double[][] samples, int callers)
    {
        var tasks = new Task[callers];
        var order = Enumerable.Range(0, variants.Length).ToArray();
        var random = new Random(42);
        for (var round = -5; round < samples[0].Length; round++)
        {
            random.Shuffle(order);
            foreach (var index in order)
            {
                var call = variants[index].Call;
                var started = Stopwatch.GetTimestamp();
                for (var i = 0; i < callers; i++)
                {
                    tasks[i] = callers == 1 ? call() : Task.Run(call);
                }

                await Task.WhenAll(tasks).ConfigureAwait(false);
                if (round >= 0)
                {
                    samples[index][round] = Stopwatch.GetElapsedTime(started).TotalNanoseconds;
                }
            }
        }
    }

    /// <summary>Process CPU time per sequential call, in blocks of calls of one variant, the variants interleaved.</summary>
    private static async Task MeasureCpuAsync((string Name, Func<Task> Call)[] variants, double[][] samples)
    {
        var order = Enumerable.Range(0, variants.Length).ToArray();
        var random = new Random(7);
        for (var block = 0; block < samples[0].Length; block++)
        {
            random.Shuffle(order);
            foreach (var index in order)
            {
                var before = Environment.CpuUsage.TotalTime;
                for (var i = 0; i < CpuBlock; i++)
                {
                    await variants[index].Call().ConfigureAwait(false);
                }

                samples[index][block] = (Environment.CpuUsage.TotalTime - before).TotalNanoseconds / CpuBlock;
            }
        }
    }

    private static double Median(double[] values) => values.Order().ElementAt(values.Length / 2);

    private static FailoverChatClient Polly(Clients clients, Uri root, ResiliencePipeline<HttpResponseMessage> pipeline)
    {
        var handler = new ResilienceHandler(pipeline) { InnerHandler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(10) } };
        var http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        clients.Own(http);
        return Clients.Failover(new ClaudeChatProvider(http, new ClaudeProviderOptions { ApiKey = Scenario.AnthropicKey, BaseUrl = root, Model = Scenario.ClaudeModel }));
    }

    /// <summary>The by-hand chain with a logger factory (no provider) and a meter factory, as the container gives one.</summary>
    private static FailoverChatClient ByHandWithLogs(Clients clients, Uri root)
    {
        var services = new ServiceCollection().AddLogging().AddMetrics().BuildServiceProvider();
        clients.Own(services);
        var health = new InMemoryProviderHealthStore();
        var handler = new ProviderResilienceFactory(health).CreateHandler(
            "claude", new ProviderResilienceOptions(), new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(10) });
        var http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        clients.Own(http);
        var provider = new ClaudeChatProvider(http, new ClaudeProviderOptions { ApiKey = Scenario.AnthropicKey, BaseUrl = root, Model = Scenario.ClaudeModel });
        return new FailoverChatClient([provider], new FailoverChatClientOptions
        {
            HealthSource = health,
            LoggerFactory = services.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>(),
            MeterFactory = services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(),
        });
    }

    private static FailoverChatClient Container(Clients clients, Uri root, bool defaultLoggers)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddMultiModel().AddClaude(
            configure: o => (o.ApiKey, o.BaseUrl, o.Model) = (Scenario.AnthropicKey, root, Scenario.ClaudeModel),
            configureHttpClient: b =>
            {
                if (defaultLoggers)
                {
                    b.AddDefaultLogger();
                }
            });
        var container = services.BuildServiceProvider();
        clients.Own(container);
        return container.GetRequiredService<FailoverChatClient>();
    }
}
