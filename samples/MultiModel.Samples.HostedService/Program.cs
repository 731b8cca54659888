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
if (Replicas.Take(rest) is not { } replicas)
{
    Console.Error.WriteLine("--replicas needs a number from 1 to 8.");
    return ConfigurationError;
}

// One host per replica, each with its own container, as separate processes would have; they share the emulator and,
// through MultiModel:SharedState:Redis, the providers' state.
var builders = new List<HostApplicationBuilder>();
try
{
    for (var replica = 1; replica <= replicas; replica++)
    {
        builders.Add(Replicas.CreateBuilder(rest));
    }
}
catch (FormatException ex)
{
    Console.Error.WriteLine(ex.Message);
    return ConfigurationError;
}

var builder = builders[0];
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
    var shared = builder.Configuration.GetSection("MultiModel:SharedState:Redis").Exists();
    if (replicas > 1 && !shared)
    {
        Console.Error.WriteLine("--replicas shares the providers' state through Redis: set MultiModel:SharedState:Redis:Configuration (for example --MultiModel:SharedState:Redis:Configuration=127.0.0.1:6379).");
        return ConfigurationError;
    }

    var hosts = new List<IHost>();
    for (var i = builders.Count - 1; i >= 0; i--)
    {
        if (i > 0)
        {
            builders[i].Configuration.AddConfiguration(builder.Configuration); // the emulator's addresses and keys
        }

        if (replicas > 1)
        {
            Replicas.Name(builders[i], i + 1);
        }
    }

    foreach (var replicaBuilder in builders)
    {
        hosts.Add(Build(replicaBuilder));
    }

    try
    {
        foreach (var host in hosts)
        {
            if (ConfigurationCheck.Validate(host.Services) is { Count: > 0 } problems)
            {
                ConfigurationCheck.Report(problems);
                return ConfigurationError;
            }
        }

        var logger = hosts[0].Services.GetRequiredService<ILoggerFactory>().CreateLogger("MultiModel.Samples.HostedService");
        if (providers.Emulator is { } emulator)
        {
            logger.UsingEmulator(emulator.BaseAddress);
        }

        foreach (var (name, variable) in providers.LeftOut)
        {
            logger.ProviderWithoutKey(name, variable);
        }

        // Each replica starts a little after the previous one, so that a later one can learn what an earlier one met.
        await Task.WhenAll(hosts.Select(async (host, index) =>
        {
            await Task.Delay(Replicas.StartStagger * index);
            await host.RunAsync();
        }));
        return Environment.ExitCode;
    }
    finally
    {
        foreach (var host in hosts)
        {
            host.Dispose();
        }
    }

    IHost Build(HostApplicationBuilder replicaBuilder)
    {
        replicaBuilder.Services.AddOptions<MonitorOptions>()
            .Bind(replicaBuilder.Configuration.GetSection(MonitorOptions.SectionName))
            .Validate(o => o.Batches >= 0, "Monitor:Batches must be 0 (run until Ctrl+C) or more.")
            .Validate(o => o.SamplesPerBatch > 0, "Monitor:SamplesPerBatch must be positive.")
            .Validate(o => o.BatchInterval >= TimeSpan.Zero && o.HealthLogInterval > TimeSpan.Zero, "Monitor:BatchInterval must not be negative and Monitor:HealthLogInterval must be positive.")
            .ValidateOnStart();
        var multiModel = replicaBuilder.Services.AddMultiModel(providers.Configure).AddHealthCheck();
        if (shared)
        {
            multiModel.AddRedisSharedState(); // MultiModel:SharedState:Redis: cooldowns, circuits, budgets shared by the replicas
        }

        replicaBuilder.AddObservability(consoleTelemetry);

        var batches = Channel.CreateBounded<TelemetryBatch>(new BoundedChannelOptions(8) { SingleReader = true, SingleWriter = true });
        replicaBuilder.Services.AddSingleton(batches.Reader);
        replicaBuilder.Services.AddSingleton(batches.Writer);
        replicaBuilder.Services.AddHostedService<SimulatedSensor>();
        replicaBuilder.Services.AddHostedService<BatchAnalysisWorker>();
        replicaBuilder.Services.AddHostedService<HealthReporter>();
        return replicaBuilder.Build();
    }
}
