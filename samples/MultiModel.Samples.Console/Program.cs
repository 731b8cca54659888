using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using MultiModel;
using MultiModel.DependencyInjection;
using MultiModel.Failover;
using MultiModel.Samples;
using MultiModel.Samples.ConsoleApp;
using MultiModel.Testing;

// Mission-critical telemetry analysis: Grok first, Claude second, and a human when neither is good enough.
SampleArguments arguments;
try
{
    arguments = SampleArguments.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(SampleArguments.Usage);
    return ExitCodes.UsageOrConfigurationError;
}

if (arguments.Help)
{
    Console.WriteLine(SampleArguments.Usage);
    return ExitCodes.Success;
}

var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
{
    Args = [.. arguments.ConfigurationArgs],
    ContentRootPath = AppContext.BaseDirectory,
});

ProviderEmulator? emulator = null;
if (arguments.Offline || !OfflineEmulator.HasApiKeys(builder.Configuration))
{
    try
    {
        var deltaDelay = arguments.Stream ? TimeSpan.FromMilliseconds(15) : TimeSpan.Zero;
        emulator = await OfflineEmulator.StartAsync(builder.Configuration, arguments.Faults, CannedAnalyses.Grok, CannedAnalyses.Claude, deltaDelay);
    }
    catch (ArgumentException ex)
    {
        Console.Error.WriteLine(ex.Message);
        return ExitCodes.UsageOrConfigurationError;
    }

    Console.WriteLine($"No API keys configured (or --offline): using the built-in provider emulator at {emulator.BaseAddress}.");
    Console.WriteLine("Set XAI_API_KEY and ANTHROPIC_API_KEY to call the real APIs.");
}
else if (arguments.Faults.Count > 0)
{
    Console.Error.WriteLine("--fault needs the emulator: add --offline to use it even though API keys are configured.");
    return ExitCodes.UsageOrConfigurationError;
}

await using (emulator)
{
    // Order, providers, threshold and attempt timeout come from the MultiModel section (appsettings.json).
    builder.Services.AddMultiModel()
        .AddConfidenceScorer(TelemetryPrompt.StatusLineValidator());

    using var host = builder.Build();
    try
    {
        await host.StartAsync();
    }
    catch (OptionsValidationException ex)
    {
        Console.Error.WriteLine("The MultiModel configuration is invalid:");
        foreach (var failure in ex.Failures)
        {
            Console.Error.WriteLine("  " + failure);
        }

        return ExitCodes.UsageOrConfigurationError;
    }

    var order = host.Services.GetRequiredService<IOptions<MultiModelOptions>>().Value.Order;
    var failover = host.Services.GetRequiredService<IOptions<FailoverChatClientOptions>>().Value;
    Console.WriteLine($"Failover chain: {string.Join(" -> ", order)} (confidence threshold {failover.Confidence.Threshold}, attempt timeout {failover.AttemptTimeout.TotalSeconds} s)");

    var analysis = builder.Configuration.GetSection("Analysis").Get<AnalysisOptions>() ?? new AnalysisOptions();
    var path = ResolvePath(arguments.TelemetryFile ?? analysis.TelemetryFile);
    if (!File.Exists(path))
    {
        Console.Error.WriteLine($"Telemetry file not found: {path}");
        return ExitCodes.UsageOrConfigurationError;
    }

    var stopping = host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
    var chain = host.Services.GetRequiredService<IChatProvider>();
    var exitCode = await TelemetryAnalysis.RunAsync(chain, path, analysis, arguments.Stream, Console.Out, stopping);

    await host.StopAsync();
    return exitCode;
}

static string ResolvePath(string path) =>
    Path.IsPathRooted(path) || File.Exists(path) ? Path.GetFullPath(path) : Path.Combine(AppContext.BaseDirectory, path);
