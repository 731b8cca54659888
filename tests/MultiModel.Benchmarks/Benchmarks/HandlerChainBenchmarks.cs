using System.Net;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging.Abstractions;
using MultiModel.Failover;
using MultiModel.Resilience;
using Polly;

namespace MultiModel.Benchmarks.Benchmarks;

/// <summary>
/// The cost of a provider's HTTP handler chain alone, without any network: every client sends to a handler that
/// answers 200 from memory, so what differs between them is the chain (the resilience handler built by hand, the one
/// <c>AddMultiModel()</c> builds with IHttpClientFactory's handlers, and Polly pipelines with parts left out).
/// </summary>
[MemoryDiagnoser]
public class HandlerChainBenchmarks
{
    private static readonly Uri Endpoint = new("http://127.0.0.1:9/v1/messages");
    private readonly List<IDisposable> _owned = [];
    private HttpClient _bare = null!;
    private HttpClient _byHand = null!;
    private HttpClient _dependencyInjection = null!;
    private HttpClient _pollyNoTelemetry = null!;
    private HttpClient _pollyNoTimeout = null!;
    private HttpClient _pollyWithTelemetry = null!;

    [GlobalSetup]
    public void Setup()
    {
        _bare = Own(new HttpClient(new InstantHandler()));
        var factory = new ProviderResilienceFactory(new InMemoryProviderHealthStore());
        _byHand = Own(new HttpClient(factory.CreateHandler("claude", new ProviderResilienceOptions(), new InstantHandler())));
        _dependencyInjection = DependencyInjectionClient();
        _pollyNoTelemetry = Own(new HttpClient(new ResilienceHandler(Pipeline(telemetry: false, timeout: true)) { InnerHandler = new InstantHandler() }));
        _pollyNoTimeout = Own(new HttpClient(new ResilienceHandler(Pipeline(telemetry: true, timeout: false)) { InnerHandler = new InstantHandler() }));
        _pollyWithTelemetry = Own(new HttpClient(new ResilienceHandler(Pipeline(telemetry: true, timeout: true)) { InnerHandler = new InstantHandler() }));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }
    }

    [Benchmark(Baseline = true)]
    public Task<HttpResponseMessage> Bare() => Send(_bare);

    [Benchmark]
    public Task<HttpResponseMessage> ByHand_Resilient() => Send(_byHand);

    [Benchmark]
    public Task<HttpResponseMessage> AddMultiModel() => Send(_dependencyInjection);

    [Benchmark]
    public Task<HttpResponseMessage> Polly_Telemetry_Timeout() => Send(_pollyWithTelemetry);

    [Benchmark]
    public Task<HttpResponseMessage> Polly_NoTelemetry_Timeout() => Send(_pollyNoTelemetry);

    [Benchmark]
    public Task<HttpResponseMessage> Polly_Telemetry_NoTimeout() => Send(_pollyNoTimeout);

    private static Task<HttpResponseMessage> Send(HttpClient client) => client.SendAsync(new HttpRequestMessage(HttpMethod.Post, Endpoint));

    /// <summary>Retry, circuit breaker and timeout with the package's defaults, as MultiModel's pipeline has them.</summary>
    internal static ResiliencePipeline<HttpResponseMessage> Pipeline(bool telemetry, bool timeout)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { Name = "MultiModel.claude", InstanceName = "claude" };
        if (telemetry)
        {
            builder.ConfigureTelemetry(NullLoggerFactory.Instance);
        }

        builder.AddRetry(new HttpRetryStrategyOptions()).AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions());
        if (timeout)
        {
            builder.AddTimeout(new HttpTimeoutStrategyOptions());
        }

        return builder.Build();
    }

    private T Own<T>(T disposable)
        where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }

    private HttpClient DependencyInjectionClient()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddMultiModel().AddClaude(
            configure: o => o.ApiKey = "benchmark",
            configureHttpClient: b => b.ConfigurePrimaryHttpMessageHandler(() => new InstantHandler()));
        var container = Own(services.BuildServiceProvider());

        // Resolving the chain composes the configuration, which the client's resilience handler reads.
        _ = container.GetRequiredService<FailoverChatClient>();
        return Own(container.GetRequiredService<IHttpClientFactory>().CreateClient("MultiModel.claude"));
    }

    /// <summary>Answers every request at once with an empty 200.</summary>
    private sealed class InstantHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { RequestMessage = request });
    }
}
