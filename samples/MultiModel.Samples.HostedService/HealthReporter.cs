using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MultiModel.Samples.HostedService;

/// <summary>Runs the registered health checks (MultiModel's included) periodically and logs the result.</summary>
internal sealed class HealthReporter(HealthCheckService health, IOptions<MonitorOptions> options, TimeProvider timeProvider, ILogger<HealthReporter> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.HealthLogInterval, timeProvider);
        try
        {
            do
            {
                var report = await health.CheckHealthAsync(stoppingToken);
                foreach (var (name, entry) in report.Entries)
                {
                    logger.HealthReport(name, entry.Status, entry.Description);
                    foreach (var (provider, state) in entry.Data)
                    {
                        var text = Convert.ToString(state, CultureInfo.InvariantCulture) ?? string.Empty;
                        logger.ProviderHealth(provider, text);
                    }
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }
}
