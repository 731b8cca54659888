using System.ComponentModel.DataAnnotations;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Options;

namespace MultiModel.Resilience;

/// <summary>Configures the resilience pipeline of one provider's HTTP client: retry, circuit breaker, timeout of each try.</summary>
/// <remarks>
/// <para>
/// The pipeline runs on Microsoft.Extensions.Http.Resilience (its <c>ResilienceHandler</c>, with the retry, circuit
/// breaker and timeout strategies built from these values) and is the only retry layer: providers never retry by
/// themselves. Strategies run outermost first: retry, circuit breaker, then the timeout of each HTTP try. For a
/// streamed call the timeout covers the wait for the response headers only, never the stream that follows.
/// </para>
/// <para>
/// Ranges are enforced when the host starts (dependency injection) or when a handler is created
/// (<see cref="ProviderResilienceFactory.CreateHandler"/>).
/// </para>
/// </remarks>
public sealed class ProviderResilienceOptions
{
    /// <summary>Gets or sets a value indicating whether the pipeline is added to the provider's HTTP client.</summary>
    /// <value>The default value is <see langword="true"/>. Turn it off only when another handler does the provider's retries.</value>
    public bool Enabled { get; set; } = true;

    /// <summary>Gets or sets the retry options.</summary>
    [Required]
    [ValidateObjectMembers]
    public ProviderRetryOptions Retry { get; set; } = new();

    /// <summary>Gets or sets the circuit breaker options.</summary>
    [Required]
    [ValidateObjectMembers]
    public ProviderCircuitBreakerOptions CircuitBreaker { get; set; } = new();

    /// <summary>Gets or sets the timeout of one HTTP try (until the response headers, for streams).</summary>
    /// <value>The default value is 10 seconds; from 10 ms to 1 day. Within a failover attempt it also ends a little before the attempt's deadline.</value>
    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00", ErrorMessage = RangeMessage.Text)]
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Evaluated by the source-generated validator, which parses the TimeSpan bounds without a TypeConverter.")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
