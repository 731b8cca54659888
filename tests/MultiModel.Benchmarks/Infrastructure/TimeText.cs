using System.Globalization;

namespace MultiModel.Benchmarks.Infrastructure;

/// <summary>Formats nanoseconds and bytes for the tables.</summary>
internal static class TimeText
{
    public static string Format(double nanoseconds) => Math.Abs(nanoseconds) switch
    {
        double.NaN => "NA",
        >= 1_000_000 => string.Create(CultureInfo.InvariantCulture, $"{nanoseconds / 1_000_000:0.000} ms"),
        >= 1_000 => string.Create(CultureInfo.InvariantCulture, $"{nanoseconds / 1_000:0.00} μs"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{nanoseconds:0.0} ns"),
    };

    public static string Bytes(double bytes) => Math.Abs(bytes) switch
    {
        double.NaN => "NA",
        >= 1 << 20 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1 << 20):0.00} MB"),
        >= 1 << 10 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024:0.00} KB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes:0} B"),
    };
}
