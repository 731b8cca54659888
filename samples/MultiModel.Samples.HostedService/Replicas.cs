using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace MultiModel.Samples.HostedService;

/// <summary>Runs the monitor as several replicas in one process (<c>--replicas N</c>): one host and container each, as separate processes would have.</summary>
internal static class Replicas
{
    /// <summary>The pause between two replicas' starts, so that a later replica can learn what an earlier one met.</summary>
    public static readonly TimeSpan StartStagger = TimeSpan.FromSeconds(1.5);

    /// <summary>Removes <c>--replicas N</c> from the arguments.</summary>
    /// <returns>The number of replicas (1 when not given), or <see langword="null"/> when the value is not a number from 1 to 8.</returns>
    public static int? Take(List<string> args)
    {
        var index = args.FindIndex(a => a == "--replicas" || a.StartsWith("--replicas=", StringComparison.Ordinal));
        if (index < 0)
        {
            return 1;
        }

        string? text;
        if (args[index].Contains('=', StringComparison.Ordinal))
        {
            text = args[index]["--replicas=".Length..];
            args.RemoveAt(index);
        }
        else
        {
            text = index + 1 < args.Count ? args[index + 1] : null;
            args.RemoveRange(index, text is null ? 1 : 2);
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count is >= 1 and <= 8 ? count : null;
    }

    /// <summary>Creates one replica's host builder: appsettings, environment and the command line.</summary>
    /// <exception cref="FormatException">The command line is malformed.</exception>
    public static HostApplicationBuilder CreateBuilder(List<string> args)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddCommandLine([.. args], new Dictionary<string, string> { ["--batches"] = "Monitor:Batches" });
        return builder;
    }

    /// <summary>Names the replica in its configuration (last, so nothing overrides it): its logs carry a scope <c>replica N</c>.</summary>
    public static void Name(HostApplicationBuilder builder, int replica) =>
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{MonitorOptions.SectionName}:Replica"] = replica.ToString(CultureInfo.InvariantCulture),
            ["Logging:Console:FormatterOptions:IncludeScopes"] = "true",
        });
}
