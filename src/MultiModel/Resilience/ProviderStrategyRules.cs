using Microsoft.Extensions.Http.Resilience;
using MultiModel.Internal;
using Polly;
using Polly.Timeout;

namespace MultiModel.Resilience;

/// <summary>
/// MultiModel's rules, put onto Microsoft.Extensions.Http.Resilience's strategy options: the provider's own pipeline
/// and a standard resilience handler get the same ones, so a chain learns about cooldowns and open circuits either way.
/// </summary>
internal static class ProviderStrategyRules
{
    /// <summary>
    /// Retries per the options' own predicate unless <c>x-should-retry</c> says otherwise, never sleeps a server
    /// delay above <paramref name="maxRetryAfter"/> (read for each answer; the caller gets the answer at once and the provider cools down), and
    /// honours <c>retry-after-ms</c> and <c>retry-after</c> (seconds, fractional, or an HTTP date) as the retry delay.
    /// </summary>
    public static void Apply(HttpRetryStrategyOptions retry, Func<TimeSpan> maxRetryAfter, TimeProvider timeProvider)
    {
        var shouldHandle = retry.ShouldHandle;
        retry.ShouldHandle = args =>
        {
            if (args.Outcome.Result is not { } response)
            {
                return shouldHandle(args);
            }

            // The server's delay is read only for an answer that would be retried (not for every success).
            var advice = RetryAfterParser.ParseShouldRetry(response.Headers);
            if (advice is not null)
            {
                return new ValueTask<bool>(advice.Value && !WaitsTooLong(response));
            }

            var decided = shouldHandle(args);
            return decided.IsCompletedSuccessfully
                ? new ValueTask<bool>(decided.Result && !WaitsTooLong(response))
                : AfterAsync(decided, response);
        };

        bool WaitsTooLong(HttpResponseMessage response) =>
            RetryAfterParser.Parse(response.Headers, timeProvider.GetUtcNow()) is { } delay && delay > maxRetryAfter();

        async ValueTask<bool> AfterAsync(ValueTask<bool> decided, HttpResponseMessage response) =>
            await decided.ConfigureAwait(false) && !WaitsTooLong(response);

        if (retry.ShouldRetryAfterHeader)
        {
            // A delay of zero (or a date already past) is no advice: the backoff applies, as in the official SDKs (0 < delay).
            retry.DelayGenerator = args => new ValueTask<TimeSpan?>(
                args.Outcome.Result is { } response && RetryAfterParser.Parse(response.Headers, timeProvider.GetUtcNow()) is { } delay && delay > TimeSpan.Zero
                    ? delay
                    : null);
        }
    }

    /// <summary>Reports the breaker's transitions to the provider's health, after any callbacks already set.</summary>
    public static void Apply(HttpCircuitBreakerStrategyOptions breaker, string providerName, ProviderHealthReporter reporter)
    {
        var onOpened = breaker.OnOpened;
        var onHalfOpened = breaker.OnHalfOpened;
        var onClosed = breaker.OnClosed;
        var breakDuration = breaker.BreakDuration;

        breaker.OnOpened = async args =>
        {
            if (onOpened is not null)
            {
                await onOpened(args).ConfigureAwait(false);
            }

            reporter.CircuitOpened(providerName, args.BreakDuration);
        };
        breaker.OnHalfOpened = async args =>
        {
            if (onHalfOpened is not null)
            {
                await onHalfOpened(args).ConfigureAwait(false);
            }

            reporter.CircuitHalfOpened(providerName, breakDuration);
        };
        breaker.OnClosed = async args =>
        {
            if (onClosed is not null)
            {
                await onClosed(args).ConfigureAwait(false);
            }

            reporter.CircuitClosed(providerName);
        };
    }

    /// <summary>
    /// Ends each try a little before the failover attempt's deadline that the request carries
    /// (<see cref="ChatHttpRequestOptions.AttemptDeadline"/>), so the breaker counts a provider that hangs.
    /// </summary>
    public static void Apply(HttpTimeoutStrategyOptions timeout, TimeProvider timeProvider)
    {
        var generator = timeout.TimeoutGenerator;
        var perTry = timeout.Timeout;
        timeout.TimeoutGenerator = generator is null
            ? args => new ValueTask<TimeSpan>(BeforeDeadline(perTry, args.Context, timeProvider))
            : async args => BeforeDeadline(await generator(args).ConfigureAwait(false), args.Context, timeProvider);
    }

    /// <summary>Decides whether an outcome is a transient failure: 408, 409, 429, 5xx, a connection failure or a timed-out try.</summary>
    public static bool IsTransient(Outcome<HttpResponseMessage> outcome, CancellationToken cancellationToken) => outcome switch
    {
        { Result: { } response } => TransientStatus.Contains((int)response.StatusCode),
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        { Exception: OperationCanceledException } => !cancellationToken.IsCancellationRequested,
        _ => false,
    };

    private static TimeSpan BeforeDeadline(TimeSpan perTry, ResilienceContext context, TimeProvider timeProvider)
    {
#pragma warning disable EXTEXP0001 // GetRequestMessage is marked experimental; it is how the package hands the request to strategies.
        var request = context.GetRequestMessage();
#pragma warning restore EXTEXP0001
        return AttemptDeadline.TimeoutFor(perTry, AttemptDeadline.Read(request), timeProvider.GetUtcNow());
    }
}
