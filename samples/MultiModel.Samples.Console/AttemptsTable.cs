using System.Globalization;

namespace MultiModel.Samples.ConsoleApp;

/// <summary>Prints the attempts of one failover call as a table.</summary>
internal static class AttemptsTable
{
    public static void Write(TextWriter output, IReadOnlyList<ChatAttempt> attempts)
    {
        output.WriteLine();
        output.WriteLine("Attempts:");
        output.WriteLine($"  {"#",-2} {"provider",-10} {"outcome",-14} {"status / error",-34} {"latency",9} {"confidence",10}");
        output.WriteLine($"  {new string('-', 2)} {new string('-', 10)} {new string('-', 14)} {new string('-', 34)} {new string('-', 9)} {new string('-', 10)}");
        foreach (var attempt in attempts)
        {
            var latency = attempt.Outcome == ChatAttemptOutcome.Skipped ? "-" : $"{attempt.Duration.TotalMilliseconds:0} ms";
            var confidence = attempt.Confidence is { } score ? score.Value.ToString("0.00", CultureInfo.InvariantCulture) : "-";
            output.WriteLine($"  {attempt.Index,-2} {attempt.ProviderName,-10} {attempt.Outcome,-14} {Truncate(Describe(attempt), 34),-34} {latency,9} {confidence,10}");
        }

        // A skip reason says why the provider was not called (e.g. "context window: ~151k tokens > 131k"): print it whole.
        foreach (var attempt in attempts.Where(a => a.SkipReason is { Length: > 25 }))
        {
            output.WriteLine($"  #{attempt.Index} {attempt.ProviderName} skipped: {attempt.SkipReason}");
        }
    }

    private static string Describe(ChatAttempt attempt)
    {
        if (attempt.SkipReason is { } skip)
        {
            return "skipped: " + skip;
        }

        if (attempt.ErrorClass != ChatErrorClass.None)
        {
            var status = attempt.StatusCode is >= 400 and var code ? $"HTTP {code} " : string.Empty;
            return $"{status}{attempt.ErrorClass}";
        }

        if (attempt.Outcome == ChatAttemptOutcome.BelowThreshold && attempt.Confidence is { } score)
        {
            var lowest = score.Opinions.MinBy(o => o.Value);
            return lowest is null ? "below threshold" : $"{lowest.Source}: {lowest.Reason ?? "low"}";
        }

        return attempt.Outcome == ChatAttemptOutcome.Succeeded ? "OK" : "-";
    }

    private static string Truncate(string text, int width) => text.Length <= width ? text : text[..(width - 1)] + "…";
}
