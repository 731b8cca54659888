using System.Text.RegularExpressions;
using MultiModel.Confidence;

namespace MultiModel.Samples.ConsoleApp;

/// <summary>The request sent for a telemetry file, and the check every answer must pass.</summary>
internal static partial class TelemetryPrompt
{
    private const string Instructions = """
        You are a spacecraft operations analyst. Analyse the telemetry log the user sends (CSV: utc, met_s,
        subsystem, channel, value, unit, limit_low, limit_high). The first line of your answer must be
        "STATUS: NOMINAL", "STATUS: CAUTION" or "STATUS: CRITICAL". Then list the findings (numbered, with values,
        limits and times) and the recommended actions. Be factual and concise; do not invent channels.
        """;

    public static ChatRequest Create(string fileName, string telemetry, int maxOutputTokens)
    {
        var request = new ChatRequest(
        [
            ChatMessage.FromSystem(Instructions),
            ChatMessage.FromUser($"Telemetry file {fileName}:\n\n{telemetry}"),
        ])
        {
            MaxOutputTokens = maxOutputTokens,
            Temperature = 0.2,
        };
        return request;
    }

    /// <summary>Creates a validator that gives 0 (below any threshold) to an answer without the status line.</summary>
    public static ValidatorConfidenceScorer StatusLineValidator() => new("status-line", text => StatusLine().IsMatch(text));

    [GeneratedRegex(@"^\s*STATUS: (NOMINAL|CAUTION|CRITICAL)\b")]
    private static partial Regex StatusLine();
}
