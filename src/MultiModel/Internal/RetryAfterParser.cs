using System.Globalization;
using System.Net.Http.Headers;

namespace MultiModel.Internal;

/// <summary>Reads <c>retry-after-ms</c>, <c>retry-after</c> and <c>x-should-retry</c> the way the official SDKs do.</summary>
internal static class RetryAfterParser
{
    /// <summary>Gets the delay the server asked for: <c>retry-after-ms</c> first, then <c>retry-after</c> (seconds or an HTTP date).</summary>
    /// <remarks>A delay longer than <see cref="TimeSpan"/> can hold is read as <see cref="TimeSpan.MaxValue"/>: the server asked for a long wait, not for none.</remarks>
    public static TimeSpan? Parse(HttpResponseHeaders headers, DateTimeOffset now)
    {
        if (TryGetSingle(headers, "retry-after-ms", out var ms) && ParseNumber(ms, TimeSpan.TicksPerMillisecond) is { } fromMilliseconds)
        {
            return fromMilliseconds;
        }

        if (!TryGetSingle(headers, "retry-after", out var value))
        {
            return null;
        }

        if (ParseNumber(value, TimeSpan.TicksPerSecond) is { } fromSeconds)
        {
            return fromSeconds;
        }

        if (DateTimeOffset.TryParseExact(value, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
        {
            var delay = date - now;
            return delay > TimeSpan.Zero ? delay : TimeSpan.Zero;
        }

        return null;
    }

    /// <summary>Gets the server's explicit retry advice (<c>x-should-retry: true|false</c>).</summary>
    public static bool? ParseShouldRetry(HttpResponseHeaders headers) =>
        TryGetSingle(headers, "x-should-retry", out var value) && bool.TryParse(value, out var advice) ? advice : null;

    /// <summary>Reads a non-negative number of units (<paramref name="ticksPerUnit"/> ticks each); <see langword="null"/> when it is not one.</summary>
    private static TimeSpan? ParseNumber(string text, long ticksPerUnit)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var units) || units < 0 || double.IsNaN(units))
        {
            return null;
        }

        var ticks = units * ticksPerUnit;
        return ticks >= TimeSpan.MaxValue.Ticks ? TimeSpan.MaxValue : TimeSpan.FromTicks((long)Math.Round(ticks));
    }

    private static bool TryGetSingle(HttpResponseHeaders headers, string name, out string value)
    {
        if (headers.TryGetValues(name, out var values))
        {
            foreach (var v in values)
            {
                value = v.Trim();
                return true;
            }
        }

        value = string.Empty;
        return false;
    }
}
