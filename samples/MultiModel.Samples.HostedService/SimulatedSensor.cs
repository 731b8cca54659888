using System.Globalization;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace MultiModel.Samples.HostedService;

/// <summary>Produces telemetry batches on a timer and writes them to the channel; completes it after the configured count.</summary>
internal sealed class SimulatedSensor(ChannelWriter<TelemetryBatch> writer, IOptions<MonitorOptions> options, TimeProvider timeProvider) : BackgroundService
{
    private static readonly (string Subsystem, string Channel, double Nominal, double Spread, string Unit, double Low, double High)[] Channels =
    [
        ("EPS", "bus_voltage", 28.0, 0.3, "V", 26.0, 29.5),
        ("EPS", "battery_b_temp", 21.0, 1.5, "degC", 0.0, 30.0),
        ("ADCS", "rw2_current", 0.45, 0.05, "A", 0.0, 1.2),
        ("THERMAL", "heater_zone3_duty", 40, 10, "pct", 0, 100),
    ];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var random = new Random(42); // Deterministic readings: the same run every time.
        try
        {
            for (var number = 1; settings.Batches <= 0 || number <= settings.Batches; number++)
            {
                var now = timeProvider.GetUtcNow();
                var lines = new List<string>(settings.SamplesPerBatch);
                for (var i = 0; i < settings.SamplesPerBatch; i++)
                {
                    var (subsystem, channel, nominal, spread, unit, low, high) = Channels[i % Channels.Length];
                    var value = nominal + ((random.NextDouble() * 2) - 1) * spread;
                    lines.Add(string.Create(CultureInfo.InvariantCulture, $"{now:O},{subsystem},{channel},{value:0.00},{unit},{low},{high}"));
                }

                await writer.WriteAsync(new TelemetryBatch(number, now, lines), stoppingToken);
                if (number != settings.Batches)
                {
                    await Task.Delay(settings.BatchInterval, timeProvider, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: no more batches.
        }
        finally
        {
            writer.TryComplete();
        }
    }
}
