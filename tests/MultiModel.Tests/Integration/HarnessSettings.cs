namespace MultiModel.Tests.Integration;

/// <summary>The settings of an <see cref="IntegrationHarness"/>: short delays so faults resolve in milliseconds, real defaults otherwise.</summary>
internal sealed class HarnessSettings
{
    public int MaxRetryAttempts { get; set; } = 1;

    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Gets or sets the longest Retry-After that is slept (longer ones start a cooldown).</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Gets or sets the timeout of one HTTP try (until the response headers).</summary>
    /// <value>5 s: far above a loopback answer even on a loaded 2-core machine with a cold JIT.</value>
    public TimeSpan HttpAttemptTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets or sets the primary's own timeout of one HTTP try, for rows that make the primary time out on purpose.</summary>
    public TimeSpan? PrimaryHttpAttemptTimeout { get; set; }

    /// <summary>Gets or sets the chain's timeout of one provider attempt, retries included.</summary>
    public TimeSpan ChainAttemptTimeout { get; set; } = TimeSpan.FromSeconds(20);

    public bool CircuitBreaker { get; set; } = true;

    public int CircuitMinimumThroughput { get; set; } = 4;

    public TimeSpan CircuitSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan CircuitBreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    public bool LogprobScorer { get; set; } = true;

    public int HeadBufferLength { get; set; }

    /// <summary>Gets or sets <c>MultiModel:Failover:ResumeStreams</c> of both chains.</summary>
    public bool ResumeStreams { get; set; }
}
