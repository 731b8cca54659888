using System.Threading.Channels;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MultiModel.Samples;
using MultiModel.Samples.HostedService;

// A telemetry monitor: a simulated sensor feeds batches into a channel, a worker asks the failover chain to
// analyse each one, and the MultiModel health check is logged periodically. Ctrl+C stops it gracefully;
// --batches N stops it after N batches. Traces and metrics go to OpenTelemetry (see Observability.cs).
const int ConfigurationError = 1;
List<FaultSpec> faults;
List<string> rest;
try
{
    (faults, rest) = FaultSpec.Extract(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    return ConfigurationError;
}

var offline = rest.Remove("--offline");
var consoleTelemetry = rest.Remove("--console-telemetry");

var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory });
try
{
    builder.Configuration.AddCommandLine([.. rest], new Dictionary<string, string> { ["--batches"] = "Monitor:Batches" });
}
catch (FormatException ex)
{
    Console.Error.WriteLine(ex.Message);
    return ConfigurationError;
}

SampleProviders providers;
try
{
    providers = await SampleProviders.StartAsync(builder.Configuration, offline, faults, CannedAnalyses.BatchVerdict, CannedAnalyses.BatchVerdict, TimeSpan.Zero);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    return ConfigurationError;
}

await using (providers)
{
    builder.Services.AddOptions<MonitorOptions>()
        .Bind(builder.Configuration.GetSection(MonitorOptions.SectionName))
        .Validate(o => o.Batches >= 0, "Monitor:Batches must be 0 (run until Ctrl+C) or more.")
        .Validate(o => o.SamplesPerBatch > 0, "Monitor:SamplesPerBatch must be positive.")
        .Validate(o => o.BatchInterval >= TimeSpan.Zero && o.HealthLogInterval > TimeSpan.Zero, "Monitor:BatchInterval must not be negative and Monitor:HealthLogInterval must be positive.")
        .ValidateOnStart();
    builder.Services.AddMultiModel(providers.Configure).AddHealthCheck();
    builder.AddObservability(consoleTelemetry);

    var batches = Channel.CreateBounded<TelemetryBatch>(new BoundedChannelOptions(8) { SingleReader = true, SingleWriter = true });
    builder.Services.AddSingleton(batches.Reader);
    builder.Services.AddSingleton(batches.Writer);
    builder.Services.AddHostedService<SimulatedSensor>();
    builder.Services.AddHostedService<BatchAnalysisWorker>();
    builder.Services.AddHostedService<HealthReporter>();

    using var host = builder.Build();
    if (ConfigurationCheck.Validate(host.Services) is { Count: > 0 } problems)
    {
        ConfigurationCheck.Report(problems);
        return ConfigurationError;
    }

    var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("MultiModel.Samples.HostedService");
    if (providers.Emulator is { } emulator)
    {
        logger.UsingEmulator(emulator.BaseAddress);
    }

    foreach (var (name, variable) in providers.LeftOut)
    {
        logger.ProviderWithoutKey(name, variable);
    }

    await host.RunAsync();
    return Environment.ExitCode;
}
