using System.Globalization;
using System.Net.Http.Headers;

namespace MultiModel.Internal;

/// <summary>Reads <c>retry-after-ms</c>, <c>retry-after</c> and <c>x-should-retry</c> the way the official SDKs do.</summary>
internal static class RetryAfterParser
{
    /// <summary>Gets the delay the server asked for: <c>retry-after-ms</c> first, then <c>retry-after</c> (seconds or an HTTP date).</summary>
    public static TimeSpan? Parse(HttpResponseHeaders headers, DateTimeOffset now)
    {
        if (TryGetSingle(headers, "retry-after-ms", out var ms)
            && double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out var milliseconds)
            && milliseconds >= 0 && double.IsFinite(milliseconds))
        {
            return TimeSpan.FromMilliseconds(milliseconds);
        }

        if (!TryGetSingle(headers, "retry-after", out var value))
        {
            return null;
        }

        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            return seconds >= 0 && double.IsFinite(seconds) && seconds < TimeSpan.MaxValue.TotalSeconds
                ? TimeSpan.FromSeconds(seconds)
                : null;
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
