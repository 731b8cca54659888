using System.Globalization;
using System.Text;

namespace MultiModel.Tests.TestSupport;

/// <summary>Generates spacecraft telemetry as text (a log or a CSV table), the same for the same seed.</summary>
internal static class TelemetryText
{
    private static readonly string[] Subsystems = ["EPS", "ADCS", "TCS", "COMMS", "OBC"];
    private static readonly string[] Channels = ["bus_voltage", "battery_b_temp", "rw2_speed", "panel_current", "rx_snr", "cpu_load"];

    /// <summary>Generates a log of <paramref name="lines"/> lines such as <c>2026-03-14T06:00:03.000Z WARN EPS battery_b_temp=31.4 seq=812402</c>.</summary>
    public static string Log(int lines, int seed = 7)
    {
        var random = new Random(seed);
        var time = new DateTimeOffset(2026, 3, 14, 6, 0, 0, TimeSpan.Zero);
        var log = new StringBuilder(lines * 64);
        for (var i = 0; i < lines; i++)
        {
            time = time.AddMilliseconds(random.Next(500, 4000));
            log.Append(time.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture))
                .Append(random.Next(10) == 0 ? " WARN " : " INFO ")
                .Append(Subsystems[random.Next(Subsystems.Length)]).Append(' ')
                .Append(Channels[random.Next(Channels.Length)]).Append('=')
                .Append((random.NextDouble() * 100).ToString("0.###", CultureInfo.InvariantCulture))
                .Append(" seq=").Append(812400 + i).Append('\n');
        }

        return log.ToString();
    }

    /// <summary>Generates a CSV table of <paramref name="rows"/> rows in the sample's format (<c>utc,met_s,subsystem,channel,value,unit,limit_low,limit_high</c>).</summary>
    public static string Csv(int rows, int seed = 7)
    {
        var random = new Random(seed);
        var time = new DateTimeOffset(2026, 3, 14, 6, 0, 0, TimeSpan.Zero);
        var csv = new StringBuilder("utc,met_s,subsystem,channel,value,unit,limit_low,limit_high\n", rows * 64);
        for (var i = 0; i < rows; i++)
        {
            csv.Append(time.AddSeconds(i).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)).Append(',')
                .Append(812400 + i).Append(',')
                .Append(Subsystems[random.Next(Subsystems.Length)]).Append(',')
                .Append(Channels[random.Next(Channels.Length)]).Append(',')
                .Append((random.NextDouble() * 100).ToString("0.##", CultureInfo.InvariantCulture))
                .Append(",V,26.0,29.5\n");
        }

        return csv.ToString();
    }
}
