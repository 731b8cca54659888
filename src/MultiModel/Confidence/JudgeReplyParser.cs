using System.Globalization;
using System.Text.RegularExpressions;
using MultiModel.Internal;

namespace MultiModel.Confidence;

/// <summary>Reads a confidence from a judge model's free-text reply.</summary>
/// <remarks>
/// Accepts the first number in the reply that reads as a value from 0 to 1: <c>0.8</c>, <c>.8</c>, <c>0,8</c>, <c>80%</c>, <c>8/10</c>, <c>4 out of 5</c>.
/// A bare number above 1 without a scale is refused, since its scale is unknown.
/// </remarks>
internal static partial class JudgeReplyParser
{
    public static bool TryParse(string? reply, out double value)
    {
        value = 0;
        if (string.IsNullOrWhiteSpace(reply))
        {
            return false;
        }

        foreach (Match match in NumberPattern().Matches(reply))
        {
            if (TryRead(match, out value))
            {
                return true;
            }
        }

        value = 0;
        return false;
    }

    private static bool TryRead(Match match, out double value)
    {
        value = 0;
        if (!double.TryParse(match.Groups["num"].Value.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return false;
        }

        if (match.Groups["pct"].Success)
        {
            number /= 100;
        }
        else if (match.Groups["den"].Success)
        {
            var denominator = double.Parse(match.Groups["den"].Value, CultureInfo.InvariantCulture);
            if (denominator <= 0)
            {
                return false;
            }

            number /= denominator;
        }

        if (!UnitInterval.Contains(number))
        {
            return false;
        }

        value = number;
        return true;
    }

    [GeneratedRegex(@"(?<num>\d+(?:[.,]\d+)?|[.,]\d+)\s*(?:(?<pct>%)|(?:/|\bout\s+of\b)\s*(?<den>\d+))?", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 1000)]
    private static partial Regex NumberPattern();
}
