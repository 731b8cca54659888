using System.Threading.Channels;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MultiModel.Samples;
using MultiModel.Samples.HostedService;
using MultiModel.Testing;

// A telemetry monitor: a simulated sensor feeds batches into a channel, a worker asks the failover chain to
// analyse each one, and the MultiModel health check is logged periodically. Ctrl+C stops it gracefully;
// --batches N stops it after N batches.
var (faults, rest) = FaultSpec.Extract(args);
var offline = rest.Remove("--offline");

var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory });
builder.Configuration.AddCommandLine([.. rest], new Dictionary<string, string> { ["--batches"] = "Monitor:Batches" });

ProviderEmulator? emulator = null;
if (offline || !OfflineEmulator.HasApiKeys(builder.Configuration))
{
    emulator = await OfflineEmulator.StartAsync(builder.Configuration, faults, CannedAnalyses.BatchVerdict, CannedAnalyses.BatchVerdict, TimeSpan.Zero);
}
else if (faults.Count > 0)
{
    Console.Error.WriteLine("--fault needs the emulator: add --offline to use it even though API keys are configured.");
    return 1;
}

await using (emulator)
{
    builder.Services.Configure<MonitorOptions>(builder.Configuration.GetSection(MonitorOptions.SectionName));
    builder.Services.AddMultiModel().AddHealthCheck();

    var batches = Channel.CreateBounded<TelemetryBatch>(new BoundedChannelOptions(8) { SingleReader = true, SingleWriter = true });
    builder.Services.AddSingleton(batches.Reader);
    builder.Services.AddSingleton(batches.Writer);
    builder.Services.AddHostedService<SimulatedSensor>();
    builder.Services.AddHostedService<BatchAnalysisWorker>();
    builder.Services.AddHostedService<HealthReporter>();

    using var host = builder.Build();
    if (emulator is not null)
    {
        host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("MultiModel.Samples.HostedService").UsingEmulator(emulator.BaseAddress);
    }

    await host.RunAsync();
    return Environment.ExitCode;
}
