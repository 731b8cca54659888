using System.ComponentModel.DataAnnotations;
using System.Diagnostics.CodeAnalysis;
using Polly;

namespace MultiModel.Resilience;

/// <summary>Configures the retry of one provider's HTTP pipeline.</summary>
/// <remarks>
/// <para>
/// Names follow Microsoft.Extensions.Http.Resilience's <c>HttpRetryStrategyOptions</c>, which the pipeline is built
/// from. Defaults are smaller than the standard handler's (3 retries, 2 s) because failover to the next provider is
/// the main recovery: a short retry covers a blip, failover covers an outage.
/// </para>
/// <para>
/// Transient answers (HTTP 408, 409, 429, 5xx including 529, connection failures, timeouts of a try) are retried.
/// <c>x-should-retry</c> overrides the status. A server-requested delay (<c>retry-after-ms</c>, <c>retry-after</c> in
/// seconds, fractional or as an HTTP date) is honoured up to <see cref="MaxRetryAfter"/>; a longer one is not slept:
/// the answer goes back to the caller and the provider enters a cooldown of that length, so failover chains skip it
/// until then.
/// </para>
/// </remarks>
public sealed class ProviderRetryOptions
{
    /// <summary>Gets or sets the largest number of retries after the first try.</summary>
    /// <value>The default value is 1; from 0 (no retry) to 10.</value>
    [Range(0, 10, ErrorMessage = RangeMessage.Text)]
    public int MaxRetryAttempts { get; set; } = 1;

    /// <summary>Gets or sets the base delay of the backoff.</summary>
    /// <value>The default value is 0.5 seconds (the Anthropic and OpenAI SDKs' base); from 0 to 1 minute.</value>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00", ErrorMessage = RangeMessage.Text)]
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Evaluated by the source-generated validator, which parses the TimeSpan bounds without a TypeConverter.")]
    public TimeSpan Delay { get; set; } = TimeSpan.FromSeconds(0.5);

    /// <summary>Gets or sets the largest computed backoff delay.</summary>
    /// <value>The default value is 8 seconds; from <see cref="Delay"/> to 5 minutes.</value>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00", ErrorMessage = RangeMessage.Text)]
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Evaluated by the source-generated validator, which parses the TimeSpan bounds without a TypeConverter.")]
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>Gets or sets how the delay grows between retries.</summary>
    /// <value>The default value is <see cref="DelayBackoffType.Exponential"/>.</value>
    [EnumDataType(typeof(DelayBackoffType))]
    public DelayBackoffType BackoffType { get; set; } = DelayBackoffType.Exponential;

    /// <summary>Gets or sets a value indicating whether the computed delay is randomized.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool UseJitter { get; set; } = true;

    /// <summary>Gets or sets the longest server-requested delay that is slept; a longer one starts a cooldown instead.</summary>
    /// <value>The default value is 30 seconds; from 0 to 1 hour.</value>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00", ErrorMessage = RangeMessage.Text)]
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Evaluated by the source-generated validator, which parses the TimeSpan bounds without a TypeConverter.")]
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(30);
}
