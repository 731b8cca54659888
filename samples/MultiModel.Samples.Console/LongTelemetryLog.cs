using System.Globalization;
using System.Text;

namespace MultiModel.Samples.ConsoleApp;

/// <summary>Writes a long telemetry log: a day of one-second samples from five channels, larger than Grok 3's 131k-token window but within Claude's 200k.</summary>
/// <remarks>Battery B warms slowly through the day and crosses its 30 degC limit near the end, so there is something to find.</remarks>
internal static class LongTelemetryLog
{
    /// <summary>The rows written: about 150k tokens by the library's estimate.</summary>
    public const int Rows = 3980;

    public static string Write()
    {
        var path = Path.Combine(Path.GetTempPath(), "spacecraft-telemetry-long.csv");
        var random = new Random(42);
        var start = new DateTimeOffset(2026, 3, 14, 0, 0, 0, TimeSpan.Zero);
        var csv = new StringBuilder("utc,met_s,subsystem,channel,value,unit,limit_low,limit_high\n", Rows * 64);
        for (var i = 0; i < Rows; i++)
        {
            var time = start.AddSeconds(i * 3);
            var met = 812400 + (i * 3);
            var (subsystem, channel, value, unit, low, high) = (i % 5) switch
            {
                0 => ("EPS", "bus_voltage", 28.1 - (random.NextDouble() * 0.6), "V", "26.0", "29.5"),
                1 => ("EPS", "battery_b_temp", 18.0 + (13.0 * i / Rows) + (random.NextDouble() * 0.4), "degC", "0.0", "30.0"),
                2 => ("EPS", "battery_b_soc", 95.0 - (30.0 * i / Rows), "pct", "40.0", "100.0"),
                3 => ("ADCS", "rw2_speed", 2200 + (random.NextDouble() * 900), "rpm", "-6000", "6000"),
                _ => ("ADCS", "rw2_current", 0.4 + (random.NextDouble() * 0.3), "A", "0.0", "1.2"),
            };
            csv.Append(CultureInfo.InvariantCulture, $"{time:yyyy-MM-ddTHH:mm:ssZ},{met},{subsystem},{channel},{value:0.##},{unit},{low},{high}\n");
        }

        File.WriteAllText(path, csv.ToString());
        return path;
    }
}
