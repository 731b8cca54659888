using System.Globalization;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;
using MultiModel.Internal;

namespace MultiModel.Resilience;

/// <summary>
/// Runs one provider's HTTP calls through a Polly.Core pipeline: retry (honouring Retry-After up to a cap, beyond
/// which the provider cools down), circuit breaker, and a timeout per try.
/// </summary>
internal sealed class ProviderResilienceHandler : DelegatingHandler
{
    private static readonly ResiliencePropertyKey<DateTimeOffset?> DeadlineKey = new("MultiModel.AttemptDeadline");

    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private readonly string _providerName;
    private readonly ProviderHealthRecord _health;
    private readonly TimeSpan _maxRetryAfter;
    private readonly TimeProvider _timeProvider;

    /// <summary>Initializes a handler over a pipeline that outlives it (handlers rotate; circuit state must not).</summary>
    public ProviderResilienceHandler(string providerName, ResiliencePipeline<HttpResponseMessage> pipeline, ProviderResilienceOptions options, ProviderHealthRecord health, TimeProvider timeProvider)
    {
        _providerName = providerName;
        _pipeline = pipeline;
        _health = health;
        _maxRetryAfter = options.Retry.MaxRetryAfter;
        _timeProvider = timeProvider;
    }

    /// <summary>Initializes a handler with a pipeline of its own.</summary>
    public ProviderResilienceHandler(string providerName, ProviderResilienceOptions options, ProviderHealthRecord health, TimeProvider timeProvider)
        : this(providerName, Build(options, health, timeProvider), options, health, timeProvider)
    {
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(DeadlineKey, AttemptDeadline.Read(request));
        try
        {
            var outcome = await _pipeline.ExecuteOutcomeAsync(
                static async (ctx, state) =>
                {
                    try
                    {
                        var response = await state.Handler.SendCoreAsync(state.Request, ctx.CancellationToken).ConfigureAwait(ctx.ContinueOnCapturedContext);
                        return Outcome.FromResult(response);
                    }
                    catch (Exception ex)
                    {
                        return Outcome.FromException<HttpResponseMessage>(ex);
                    }
                },
                context,
                (Handler: this, Request: request)).ConfigureAwait(false);

            if (outcome.Exception is { } exception)
            {
                throw Translate(exception, cancellationToken);
            }

            var response = outcome.Result!;
            if (IsTransientStatus((int)response.StatusCode)
                && RetryAfterParser.Parse(response.Headers, _timeProvider.GetUtcNow()) is { } delay && delay > _maxRetryAfter)
            {
                // Too long to sleep: hand the answer back and let failover chains skip this provider until then.
                _health.StartCooldown(delay);
            }

            return response;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private Task<HttpResponseMessage> SendCoreAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        base.SendAsync(request, cancellationToken);

    private Exception Translate(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        OperationCanceledException when cancellationToken.IsCancellationRequested => exception,
        TimeoutRejectedException timeout => new TimeoutException(
            string.Create(CultureInfo.InvariantCulture, $"{_providerName}: no response within the attempt timeout of {timeout.Timeout.TotalSeconds:0.###} s."),
            timeout),
        BrokenCircuitException broken => new HttpRequestException(
            $"{_providerName}: the circuit is open; the call was refused without contacting the provider.",
            broken),
        _ => exception,
    };

    /// <summary>Builds the pipeline for one provider: retry, circuit breaker, attempt timeout.</summary>
    public static ResiliencePipeline<HttpResponseMessage> Build(ProviderResilienceOptions options, ProviderHealthRecord health, TimeProvider timeProvider)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = timeProvider };
        var retry = options.Retry;

        if (retry.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = retry.MaxRetryAttempts,
                Delay = retry.Delay,
                MaxDelay = retry.MaxDelay,
                BackoffType = retry.BackoffType,
                UseJitter = retry.UseJitter,
                ShouldHandle = args => new ValueTask<bool>(ShouldRetry(args.Outcome, args.Context, retry, timeProvider)),
                DelayGenerator = args => new ValueTask<TimeSpan?>(ServerDelay(args.Outcome, timeProvider)),
                OnRetry = args =>
                {
                    // The failed answer is replaced by the next try: release its connection.
                    args.Outcome.Result?.Dispose();
                    return default;
                },
            });
        }

        if (options.CircuitBreaker.Enabled)
        {
            var breaker = options.CircuitBreaker;
            builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                FailureRatio = breaker.FailureRatio,
                MinimumThroughput = breaker.MinimumThroughput,
                SamplingDuration = breaker.SamplingDuration,
                BreakDuration = breaker.BreakDuration,
                StateProvider = health.CircuitStateProvider,
                ShouldHandle = args => new ValueTask<bool>(IsTransientFailure(args.Outcome, args.Context)),
                OnOpened = args =>
                {
                    health.OnCircuitOpened(args.BreakDuration);
                    return default;
                },
                OnHalfOpened = _ =>
                {
                    health.OnCircuitStateChanged(CircuitState.HalfOpen);
                    return default;
                },
                OnClosed = _ =>
                {
                    health.OnCircuitStateChanged(CircuitState.Closed);
                    return default;
                },
            });
        }

        var perTry = options.AttemptTimeout;
        builder.AddTimeout(new TimeoutStrategyOptions
        {
            Timeout = perTry,

            // Within a failover attempt, end a little before the attempt's deadline so the breaker sees the timeout.
            TimeoutGenerator = args => new ValueTask<TimeSpan>(AttemptDeadline.TimeoutFor(
                perTry, args.Context.Properties.GetValue(DeadlineKey, default(DateTimeOffset?)), timeProvider.GetUtcNow())),
        });
        return builder.Build();
    }

    private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context, ProviderRetryOptions retry, TimeProvider timeProvider)
    {
        if (outcome.Result is { } response)
        {
            var advice = RetryAfterParser.ParseShouldRetry(response.Headers);
            if (advice == false || !(advice == true || IsTransientStatus((int)response.StatusCode)))
            {
                return false;
            }

            // A wait longer than the cap is not slept; the handler turns it into a cooldown.
            return RetryAfterParser.Parse(response.Headers, timeProvider.GetUtcNow()) is not { } delay || delay <= retry.MaxRetryAfter;
        }

        return IsTransientFailure(outcome, context);
    }

    private static TimeSpan? ServerDelay(Outcome<HttpResponseMessage> outcome, TimeProvider timeProvider) =>
        outcome.Result is { } response ? RetryAfterParser.Parse(response.Headers, timeProvider.GetUtcNow()) : null;

    private static bool IsTransientFailure(Outcome<HttpResponseMessage> outcome, ResilienceContext context) => outcome switch
    {
        { Result: { } response } => IsTransientStatus((int)response.StatusCode),
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        { Exception: OperationCanceledException } => !context.CancellationToken.IsCancellationRequested,
        _ => false,
    };

    private static bool IsTransientStatus(int status) => TransientStatus.Contains(status);
}
