namespace MultiModel.Internal;

/// <summary>
/// Hands a failover attempt's deadline to the HTTP pipeline of the provider it calls, in two explicit steps:
/// the chain sets it for the attempt's own async flow (<see cref="Set"/>), and the provider's transport copies it onto
/// each HTTP request it sends (<see cref="Stamp"/>) as <see cref="ChatHttpRequestOptions.AttemptDeadline"/>, where the
/// resilience pipeline reads it (<see cref="TimeoutFor"/>).
/// </summary>
/// <remarks>
/// The flow-local value is the same mechanism as <see cref="System.Diagnostics.Activity.Current"/>: set inside the
/// attempt's flow, it reaches the provider's calls and never flows back to the chain or to other attempts.
/// </remarks>
internal static class AttemptDeadline
{
    private static readonly AsyncLocal<long> DeadlineUtcTicks = new();

    /// <summary>Gets the deadline of the failover attempt running in the current async flow, if any.</summary>
    public static DateTimeOffset? Current => DeadlineUtcTicks.Value is var ticks and not 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    /// <summary>Sets the deadline for the rest of the current async flow; call it at the start of the attempt's own flow.</summary>
    public static void Set(DateTimeOffset? deadline) => DeadlineUtcTicks.Value = deadline?.UtcTicks ?? 0;

    /// <summary>Copies the current attempt's deadline, if any, onto an HTTP request about to be sent.</summary>
    public static void Stamp(HttpRequestMessage request)
    {
        if (Current is { } deadline)
        {
            request.Options.Set(ChatHttpRequestOptions.AttemptDeadline, deadline);
        }
    }

    /// <summary>Gets the deadline an HTTP request carries, if any.</summary>
    public static DateTimeOffset? Read(HttpRequestMessage? request) =>
        request is not null && request.Options.TryGetValue(ChatHttpRequestOptions.AttemptDeadline, out var deadline) ? deadline : null;

    /// <summary>Gets the timeout for one HTTP try: <paramref name="perTry"/>, shortened to end a little before <paramref name="deadline"/>.</summary>
    /// <remarks>The margin is a tenth of the time left, at most 100 ms; the result is at least 1 ms.</remarks>
    public static TimeSpan TimeoutFor(TimeSpan perTry, DateTimeOffset? deadline, DateTimeOffset now)
    {
        if (deadline is not { } due)
        {
            return perTry;
        }

        var remaining = due - now;
        var margin = TimeSpan.FromTicks(Math.Min(remaining.Ticks / 10, TimeSpan.FromMilliseconds(100).Ticks));
        var beforeDeadline = remaining - margin;
        if (beforeDeadline >= perTry)
        {
            return perTry;
        }

        return beforeDeadline > TimeSpan.FromMilliseconds(1) ? beforeDeadline : TimeSpan.FromMilliseconds(1);
    }
}
