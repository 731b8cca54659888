using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace MultiModel.Resilience;

/// <summary>Configures the resilience pipeline of one provider's HTTP client: retry, circuit breaker, attempt timeout.</summary>
/// <remarks>
/// <para>
/// The pipeline is the only retry layer: providers never retry by themselves. Strategies run outermost first:
/// retry, circuit breaker, then the timeout of each HTTP try. For a streamed call the timeout covers the wait for the
/// response headers only, never the stream that follows.
/// </para>
/// </remarks>
public sealed class ProviderResilienceOptions
{
    /// <summary>Gets or sets a value indicating whether the pipeline is added to the provider's HTTP client.</summary>
    /// <value>The default value is <see langword="true"/>. Turn it off to add Microsoft.Extensions.Http.Resilience's standard handler instead.</value>
    public bool Enabled { get; set; } = true;

    /// <summary>Gets or sets the retry options.</summary>
    [ValidateObjectMembers]
    public ProviderRetryOptions Retry { get; set; } = new();

    /// <summary>Gets or sets the circuit breaker options.</summary>
    [ValidateObjectMembers]
    public ProviderCircuitBreakerOptions CircuitBreaker { get; set; } = new();

    /// <summary>Gets or sets the timeout of one HTTP try (until the response headers, for streams).</summary>
    /// <value>The default value is 10 seconds.</value>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Lists what is wrong with these options, each message prefixed with <paramref name="path"/>.</summary>
    /// <param name="path">The configuration path of these options, for the messages.</param>
    /// <returns>The problems found; empty when the options are valid.</returns>
    internal IEnumerable<string> Validate(string path)
    {
        static bool Within(TimeSpan value, TimeSpan min, TimeSpan max) => value >= min && value <= max;

        if (!Within(AttemptTimeout, TimeSpan.FromMilliseconds(10), TimeSpan.FromDays(1)))
        {
            yield return $"{path}:AttemptTimeout must be between 10 ms and 1 day (was {AttemptTimeout}).";
        }

        if (!Within(Retry.Delay, TimeSpan.Zero, TimeSpan.FromMinutes(1)))
        {
            yield return $"{path}:Retry:Delay must be between 0 and 1 minute (was {Retry.Delay}).";
        }

        if (!Within(Retry.MaxDelay, Retry.Delay, TimeSpan.FromMinutes(5)))
        {
            yield return $"{path}:Retry:MaxDelay must be between Retry:Delay and 5 minutes (was {Retry.MaxDelay}).";
        }

        if (!Within(Retry.MaxRetryAfter, TimeSpan.Zero, TimeSpan.FromHours(1)))
        {
            yield return $"{path}:Retry:MaxRetryAfter must be between 0 and 1 hour (was {Retry.MaxRetryAfter}).";
        }

        if (!Within(CircuitBreaker.SamplingDuration, TimeSpan.FromMilliseconds(500), TimeSpan.FromDays(1)))
        {
            yield return $"{path}:CircuitBreaker:SamplingDuration must be between 0.5 s and 1 day (was {CircuitBreaker.SamplingDuration}).";
        }

        if (!Within(CircuitBreaker.BreakDuration, TimeSpan.FromMilliseconds(500), TimeSpan.FromDays(1)))
        {
            yield return $"{path}:CircuitBreaker:BreakDuration must be between 0.5 s and 1 day (was {CircuitBreaker.BreakDuration}).";
        }
    }
}
