namespace MultiModel.Samples.ConsoleApp;

/// <summary>The sample's own settings (section <c>Analysis</c>).</summary>
internal sealed class AnalysisOptions
{
    public const string SectionName = "Analysis";

    public string TelemetryFile { get; set; } = "data/spacecraft-telemetry.csv";

    public int MaxOutputTokens { get; set; } = 1024;
}
