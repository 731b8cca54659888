using System.ComponentModel.DataAnnotations;
using System.Diagnostics.CodeAnalysis;

namespace MultiModel.Resilience;

/// <summary>Configures the circuit breaker of one provider's HTTP pipeline.</summary>
/// <remarks>
/// <para>
/// Names follow Microsoft.Extensions.Http.Resilience's <c>HttpCircuitBreakerStrategyOptions</c>, which the breaker is
/// built from. The standard handler's defaults (ratio 0.1 over at least 100 calls, 5 s break) suit high-volume
/// services; LLM calls are fewer and slower, so the defaults here open the circuit after a clear majority of failures
/// among a handful of calls and keep it open longer. While the circuit is open a failover chain skips the provider;
/// after the break one probe call goes through, and other calls skip the provider until the probe's outcome closes
/// or reopens the circuit.
/// </para>
/// </remarks>
public sealed class ProviderCircuitBreakerOptions
{
    /// <summary>Gets or sets a value indicating whether the circuit breaker is used.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool Enabled { get; set; } = true;

    /// <summary>Gets or sets the failure ratio, over the sampling duration, at which the circuit opens.</summary>
    /// <value>The default value is 0.5; from 0 to 1.</value>
    [Range(0.0, 1.0, ErrorMessage = RangeMessage.Text)]
    public double FailureRatio { get; set; } = 0.5;

    /// <summary>Gets or sets the fewest calls in the sampling duration before the ratio is considered.</summary>
    /// <value>The default value is 4; at least 2.</value>
    [Range(2, int.MaxValue, ErrorMessage = RangeMessage.Text)]
    public int MinimumThroughput { get; set; } = 4;

    /// <summary>Gets or sets the window over which failures are counted.</summary>
    /// <value>The default value is 30 seconds; from 0.5 s to 1 day, and at least twice the resilience <c>AttemptTimeout</c>.</value>
    [Range(typeof(TimeSpan), "00:00:00.500", "1.00:00:00", ErrorMessage = RangeMessage.Text)]
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Evaluated by the source-generated validator, which parses the TimeSpan bounds without a TypeConverter.")]
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets how long the circuit stays open before one probe is let through.</summary>
    /// <value>The default value is 30 seconds; from 0.5 s to 1 day.</value>
    [Range(typeof(TimeSpan), "00:00:00.500", "1.00:00:00", ErrorMessage = RangeMessage.Text)]
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Evaluated by the source-generated validator, which parses the TimeSpan bounds without a TypeConverter.")]
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);
}
