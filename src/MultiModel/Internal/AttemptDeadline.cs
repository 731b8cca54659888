namespace MultiModel.Internal;

/// <summary>
/// Carries a failover attempt's deadline down the call (ambient, per async flow) to the provider's HTTP pipeline,
/// so that the pipeline's own timeout fires first and counts towards the provider's circuit breaker. Without it a
/// hanging provider is only ever cancelled by the chain, which a breaker rightly does not count as a failure.
/// </summary>
internal static class AttemptDeadline
{
    private static readonly AsyncLocal<long> DeadlineUtcTicks = new();

    /// <summary>Whether an HTTP pipeline that reads the deadline was ever built in this process.</summary>
    private static volatile bool hasReader;

    /// <summary>Records that a pipeline reading the deadline exists; called when one is built, before it serves a request.</summary>
    public static void AddReader() => hasReader = true;

    /// <summary>Sets the deadline of a failover attempt for the rest of the current async flow, when a pipeline may read it (otherwise skipped: it costs an execution context per attempt).</summary>
    public static void SetForAttempt(DateTimeOffset? deadline)
    {
        if (hasReader)
        {
            Set(deadline);
        }
    }

    /// <summary>Sets the deadline for the rest of the current async flow (the value does not flow back to callers).</summary>
    public static void Set(DateTimeOffset? deadline) => DeadlineUtcTicks.Value = deadline?.UtcTicks ?? 0;

    /// <summary>Gets the timeout for one HTTP try: <paramref name="perTry"/>, shortened to end a little before the attempt's deadline.</summary>
    public static TimeSpan TimeoutFor(TimeSpan perTry, TimeProvider timeProvider)
    {
        var ticks = DeadlineUtcTicks.Value;
        if (ticks == 0)
        {
            return perTry;
        }

        var remaining = new DateTimeOffset(ticks, TimeSpan.Zero) - timeProvider.GetUtcNow();
        var margin = TimeSpan.FromTicks(Math.Min(remaining.Ticks / 10, TimeSpan.FromMilliseconds(100).Ticks));
        var beforeDeadline = remaining - margin;
        if (beforeDeadline >= perTry)
        {
            return perTry;
        }

        return beforeDeadline > TimeSpan.FromMilliseconds(1) ? beforeDeadline : TimeSpan.FromMilliseconds(1);
    }
}
