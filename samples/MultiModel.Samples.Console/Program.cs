using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using MultiModel;
using MultiModel.DependencyInjection;
using MultiModel.Failover;
using MultiModel.Samples;
using MultiModel.Samples.ConsoleApp;

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
    // --long-log asks Grok 3 (a 131k-token window) first; a model given on the command line still wins.
    Args = arguments.LongLog ? ["--MultiModel:Providers:grok:Model=grok-3", .. arguments.ConfigurationArgs] : [.. arguments.ConfigurationArgs],
    ContentRootPath = AppContext.BaseDirectory,
});

// Real APIs for the providers that have a key, the emulator when none has one (or --offline).
SampleProviders providers;
try
{
    var deltaDelay = arguments.Stream ? TimeSpan.FromMilliseconds(15) : TimeSpan.Zero;
    providers = await SampleProviders.StartAsync(builder.Configuration, arguments.Offline, arguments.Faults, CannedAnalyses.Grok, CannedAnalyses.Claude, deltaDelay);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    return ExitCodes.UsageOrConfigurationError;
}

await using (providers)
{
    foreach (var notice in providers.Notices)
    {
        Console.WriteLine(notice);
    }

    // Order, providers, threshold and attempt timeout come from the MultiModel section (appsettings.json).
    builder.Services.AddMultiModel(providers.Configure)
        .AddConfidenceScorer(TelemetryPrompt.StatusLineValidator());
    builder.Services.AddOptions<AnalysisOptions>()
        .Bind(builder.Configuration.GetSection(AnalysisOptions.SectionName))
        .Validate(o => o.MaxOutputTokens > 0, "Analysis:MaxOutputTokens must be positive.")
        .ValidateOnStart();

    using var host = builder.Build();
    if (ConfigurationCheck.Validate(host.Services) is { Count: > 0 } problems)
    {
        ConfigurationCheck.Report(problems);
        return ExitCodes.UsageOrConfigurationError;
    }

    await host.StartAsync();
    var order = host.Services.GetRequiredService<IOptions<MultiModelOptions>>().Value.Order;
    var failover = host.Services.GetRequiredService<IOptions<FailoverChatClientOptions>>().Value;
    Console.WriteLine($"Failover chain: {string.Join(" -> ", order)} (confidence threshold {failover.Confidence.Threshold}, attempt timeout {failover.AttemptTimeout.TotalSeconds} s)");

    var analysis = host.Services.GetRequiredService<IOptions<AnalysisOptions>>().Value;
    var path = arguments.LongLog ? LongTelemetryLog.Write() : ResolvePath(arguments.TelemetryFile ?? analysis.TelemetryFile);
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
