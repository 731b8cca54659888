using System.Diagnostics.Metrics;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using MultiModel.Diagnostics;
using Polly;
using Polly.Telemetry;

namespace MultiModel.Resilience;

/// <summary>Creates the HTTP resilience of MultiModel's providers, reporting every provider's health to one store.</summary>
/// <remarks>
/// <para>
/// A handler from <see cref="CreateHandler"/> runs Microsoft.Extensions.Http.Resilience's <see cref="ResilienceHandler"/>
/// over a pipeline built from <see cref="ProviderResilienceOptions"/> (retry honouring Retry-After up to a cap, circuit
/// breaker, timeout of each try), and records in <see cref="HealthStore"/> the cooldowns a server asks for and the
/// circuit's state. Give the same store to a <see cref="Failover.FailoverChatClient"/> as its
/// <see cref="Failover.FailoverChatClientOptions.HealthSource"/> and the chain skips providers that are cooling down
/// or whose circuit is open. <c>AddMultiModel</c> uses one instance per container for every provider it registers.
/// </para>
/// <para>Thread-safe. Polly's telemetry of the pipelines carries the provider's name (tag <c>multimodel.provider.name</c>).</para>
/// </remarks>
public sealed class ProviderResilienceFactory
{
    private readonly ProviderHealthReporter _reporter;
    private readonly TelemetryOptions _telemetry;

    /// <summary>Initializes a new instance of the <see cref="ProviderResilienceFactory"/> class.</summary>
    /// <param name="healthStore">Where providers' health is recorded; the chains that should skip unhealthy providers read it.</param>
    /// <param name="timeProvider">The clock of delays, timeouts and cooldowns, or <see langword="null"/> for <see cref="TimeProvider.System"/>.</param>
    /// <param name="loggerFactory">The factory of the health and Polly loggers, or <see langword="null"/> for no logging.</param>
    /// <param name="meterFactory">The factory of the <c>MultiModel</c> meter that counts circuit changes and cooldowns, or <see langword="null"/> for a process-wide meter.</param>
    /// <exception cref="ArgumentNullException"><paramref name="healthStore"/> is <see langword="null"/>.</exception>
    public ProviderResilienceFactory(IProviderHealthStore healthStore, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null, IMeterFactory? meterFactory = null)
        : this(healthStore, timeProvider ?? TimeProvider.System, loggerFactory, meterFactory, new TelemetryOptions())
    {
    }

    internal ProviderResilienceFactory(IProviderHealthStore healthStore, TimeProvider timeProvider, ILoggerFactory? loggerFactory, IMeterFactory? meterFactory, TelemetryOptions telemetry)
    {
        ArgumentNullException.ThrowIfNull(healthStore);
        _reporter = new ProviderHealthReporter(healthStore, timeProvider, new ProviderHealthTelemetry(loggerFactory, meterFactory));
        _telemetry = new TelemetryOptions(telemetry);
        PollyTelemetry.Apply(_telemetry, loggerFactory);
    }

    /// <summary>Gets the store that providers' health is reported to.</summary>
    public IProviderHealthStore HealthStore => _reporter.Store;

    internal ProviderHealthReporter Reporter => _reporter;

    /// <summary>Creates the message handler that gives one provider's <see cref="HttpClient"/> its resilience.</summary>
    /// <param name="providerName">The provider's <see cref="IChatProvider.Name"/>: its health is recorded under this name.</param>
    /// <param name="options">The pipeline's settings; they are validated and copied.</param>
    /// <param name="innerHandler">
    /// The handler that sends the requests, or <see langword="null"/> for a <see cref="SocketsHttpHandler"/> whose pooled
    /// connections are recycled every 2 minutes. It is disposed with the returned handler.
    /// </param>
    /// <returns>The handler; pass it to <see cref="HttpClient(HttpMessageHandler)"/> and give that client to the provider.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="providerName"/> is null or white space, or <paramref name="options"/> is out of range (the message lists each problem).</exception>
    /// <remarks>
    /// <para>
    /// With <see cref="ProviderResilienceOptions.Enabled"/> off the handler only records cooldowns. Each handler has its
    /// own circuit breaker: create one per provider and keep it for the provider's lifetime.
    /// </para>
    /// </remarks>
    public HttpMessageHandler CreateHandler(string providerName, ProviderResilienceOptions options, HttpMessageHandler? innerHandler = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(providerName);
        ArgumentNullException.ThrowIfNull(options);
        var problems = ProviderResilienceOptionsValidator.Validate(options, nameof(ProviderResilienceOptions));
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(options));
        }

        var maxRetryAfter = options.Retry.MaxRetryAfter;
        var pipeline = CreatePipeline(providerName, options);
        innerHandler ??= new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) };
        return CreateObserver(providerName, () => maxRetryAfter, new ResilienceHandler(pipeline) { InnerHandler = innerHandler });
    }

    /// <summary>Creates the handler that records cooldowns and translates the pipeline's refusals, outside a resilience handler.</summary>
    internal DelegatingHandler CreateObserver(string providerName, Func<TimeSpan> maxRetryAfter, HttpMessageHandler? innerHandler = null) =>
        innerHandler is null
            ? new HealthObservingHandler(providerName, _reporter, maxRetryAfter)
            : new HealthObservingHandler(providerName, _reporter, maxRetryAfter) { InnerHandler = innerHandler };

    /// <summary>Builds one provider's pipeline from validated options: retry, circuit breaker, timeout of each try (or none when disabled).</summary>
    internal ResiliencePipeline<HttpResponseMessage> CreatePipeline(string providerName, ProviderResilienceOptions options)
    {
        if (!options.Enabled)
        {
            return ResiliencePipeline<HttpResponseMessage>.Empty;
        }

        var timeProvider = _reporter.TimeProvider;
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>
        {
            Name = PollyTelemetry.PipelineName(providerName),
            InstanceName = providerName,
            TimeProvider = timeProvider,
        }.ConfigureTelemetry(_telemetry);

        var retry = options.Retry;
        if (retry.MaxRetryAttempts > 0)
        {
            var strategy = new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = retry.MaxRetryAttempts,
                Delay = retry.Delay,
                MaxDelay = retry.MaxDelay,
                BackoffType = retry.BackoffType,
                UseJitter = retry.UseJitter,
                ShouldHandle = args => new ValueTask<bool>(ProviderStrategyRules.IsTransient(args.Outcome, args.Context.CancellationToken)),
            };
            var maxRetryAfter = retry.MaxRetryAfter;
            ProviderStrategyRules.Apply(strategy, () => maxRetryAfter, timeProvider);
            builder.AddRetry(strategy);
        }

        var breaker = options.CircuitBreaker;
        if (breaker.Enabled)
        {
            var strategy = new HttpCircuitBreakerStrategyOptions
            {
                FailureRatio = breaker.FailureRatio,
                MinimumThroughput = breaker.MinimumThroughput,
                SamplingDuration = breaker.SamplingDuration,
                BreakDuration = breaker.BreakDuration,
                ShouldHandle = args => new ValueTask<bool>(ProviderStrategyRules.IsTransient(args.Outcome, args.Context.CancellationToken)),
            };
            ProviderStrategyRules.Apply(strategy, providerName, _reporter);
            builder.AddCircuitBreaker(strategy);
        }

        var timeout = new HttpTimeoutStrategyOptions { Timeout = options.AttemptTimeout };
        ProviderStrategyRules.Apply(timeout, timeProvider);
        builder.AddTimeout(timeout);
        return builder.Build();
    }
}
