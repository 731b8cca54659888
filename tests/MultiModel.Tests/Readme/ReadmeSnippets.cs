using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using MultiModel.Confidence;
using MultiModel.DependencyInjection;
using MultiModel.Failover;
using MultiModel.Providers.Claude;
using MultiModel.Resilience;
using MultiModel.Testing;

namespace MultiModel.Tests.Readme;

/// <summary>
/// The C# code of README.md: each <c>snippet:NAME</c> region is the README block of that name, word for word
/// (<see cref="ReadmeSnippetTests"/> checks it), and each test runs it against the provider emulator.
/// </summary>
[Parallelizable(ParallelScope.All)]
public partial class ReadmeSnippets
{
    [Test]
    public async Task Quickstart_ConfiguredChain_AnswersFromFirstProvider()
    {
        await using var emulator = await ProviderEmulator.StartAsync(new ProviderEmulatorOptions { DefaultAnswer = "Nominal pass." });
        var args = ReadmeEmulator.Args(emulator);

        #region snippet:quickstart
        var builder = Host.CreateApplicationBuilder(args);
        builder.Services.AddMultiModel(); // binds the "MultiModel" section: order, providers, threshold, timeouts
        using var host = builder.Build();
        await host.StartAsync(); // validates the configuration: a mistake fails here, not on the first call

        var chat = host.Services.GetRequiredService<IChatProvider>();
        var response = await chat.GetResponseAsync(new ChatRequest("Summarize the last telemetry pass in one sentence."));
        Console.WriteLine($"{response.ProviderName} answered: {response.Text}");
        #endregion

        Assert.That((response.ProviderName, response.Text), Is.EqualTo(("grok", "Nominal pass.")));
        await host.StopAsync();
    }

    [Test]
    public async Task CodeFirst_RegisteredInCode_BindsOrderThresholdAndTimeout()
    {
        var services = new ServiceCollection();

        #region snippet:code-first
        services.AddMultiModel()
            .AddGrok(configure: grok => grok.Model = "grok-4")                   // key from XAI_API_KEY
            .AddClaude(configure: claude => claude.Model = "claude-sonnet-4-5")  // key from ANTHROPIC_API_KEY
            .WithOrder("grok", "claude")
            .WithConfidenceThreshold(0.85)
            .ConfigureFailover(failover => failover.AttemptTimeout = TimeSpan.FromSeconds(10))
            .AddHealthCheck();
        #endregion

        await using var emulator = await ProviderEmulator.StartAsync();
        await using var provider = services.UseEmulator(emulator).BuildServiceProvider();
        var options = provider.GetRequiredService<IOptions<MultiModelOptions>>().Value;
        var failover = provider.GetRequiredService<IOptions<FailoverChatClientOptions>>().Value;
        Assert.Multiple(() =>
        {
            Assert.That(options.Order, Is.EqualTo(new[] { "grok", "claude" }));
            Assert.That(provider.GetRequiredService<IOptionsMonitor<ClaudeProviderOptions>>().Get("claude").Model, Is.EqualTo("claude-sonnet-4-5"));
            Assert.That(failover.Confidence.Threshold, Is.EqualTo(0.85));
            Assert.That(failover.AttemptTimeout, Is.EqualTo(TimeSpan.FromSeconds(10)));
        });
        var response = await provider.GetRequiredService<IChatProvider>().GetResponseAsync(new ChatRequest("Status?"));
        Assert.That(response.ModelId, Is.EqualTo("grok-4"));
    }

    [Test]
    public async Task Confidence_FirstAnswerFailsValidator_JudgedSecondAnswerWins()
    {
        await using var emulator = await ProviderEmulator.StartAsync();
        emulator.Xai.Enqueue(EmulatorBehavior.Answer("Everything looks fine."));
        emulator.Anthropic.Enqueue(EmulatorBehavior.Answer("STATUS: NOMINAL. All channels within limits."), EmulatorBehavior.Answer("0.92"));
        var services = new ServiceCollection();
        services.AddMultiModel().AddGrok().AddClaude();

        #region snippet:confidence
        services.AddMultiModel()
            .WithConfidenceThreshold(0.85, BelowThresholdBehavior.Throw)
            .AddConfidenceScorer(ValidatorConfidenceScorer.Regex(new Regex("^STATUS: (NOMINAL|CAUTION|CRITICAL)")))
            .AddConfidenceScorer(new LogprobConfidenceScorer())
            .ConfigureChain((serviceProvider, chain) => chain.Confidence.Scorers.Add(
                new JudgeConfidenceScorer(serviceProvider.GetRequiredKeyedService<IChatProvider>("claude"))));
        #endregion

        await using var provider = services.UseEmulator(emulator).BuildServiceProvider();
        var response = await provider.GetRequiredService<IChatProvider>().GetResponseAsync(new ChatRequest("Status?"));
        Assert.Multiple(() =>
        {
            Assert.That(response.ProviderName, Is.EqualTo("claude"));
            Assert.That(response.Confidence!.Value, Is.EqualTo(0.92).Within(1e-9));
            Assert.That(response.Attempts.Select(a => a.Outcome), Is.EqualTo(new[] { ChatAttemptOutcome.BelowThreshold, ChatAttemptOutcome.Succeeded }));
        });
    }

    [Test]
    public async Task FailoverTuning_HedgingAndHeadBuffer_AreBound()
    {
        var services = new ServiceCollection();

        #region snippet:failover-tuning
        services.AddMultiModel()
            .ConfigureFailover(failover =>
            {
                failover.AttemptTimeout = TimeSpan.FromSeconds(10);   // per provider, retries included
                failover.MaxAttempts = 2;                             // call at most two providers per request
                failover.HedgingDelay = TimeSpan.FromSeconds(3);      // start the next provider after 3 s of silence
                failover.HeadBufferLength = 200;                      // hold back the first 200 characters of a stream
                failover.HeadBufferTime = TimeSpan.FromSeconds(2);    // ... or 2 s, so a bad start can still fail over
            });
        #endregion

        await using var emulator = await ProviderEmulator.StartAsync();
        services.AddMultiModel().AddGrok().AddClaude();
        await using var provider = services.UseEmulator(emulator).BuildServiceProvider();
        var failover = provider.GetRequiredService<IOptions<FailoverChatClientOptions>>().Value;
        Assert.Multiple(() =>
        {
            Assert.That(failover.MaxAttempts, Is.EqualTo(2));
            Assert.That(failover.HedgingDelay, Is.EqualTo(TimeSpan.FromSeconds(3)));
            Assert.That(failover.HeadBufferLength, Is.EqualTo(200));
            Assert.That(failover.HeadBufferTime, Is.EqualTo(TimeSpan.FromSeconds(2)));
        });
        var response = await provider.GetRequiredService<IChatProvider>().GetResponseAsync(new ChatRequest("Status?"));
        Assert.That(response.ProviderName, Is.EqualTo("grok"));
    }

    [Test]
    public async Task Resilience_TunedProviderAndHealthCheck_ReportsHealthy()
    {
        await using var emulator = await ProviderEmulator.StartAsync();
        var builder = Host.CreateApplicationBuilder(ReadmeEmulator.Args(emulator));

        #region snippet:resilience
        builder.Services.AddMultiModel()
            .AddGrok()
            .ConfigureResilience("grok", resilience =>
            {
                resilience.Retry.MaxRetryAttempts = 2;                      // after the first try
                resilience.Retry.MaxRetryAfter = TimeSpan.FromSeconds(5);   // a longer Retry-After starts a cooldown
                resilience.CircuitBreaker.BreakDuration = TimeSpan.FromMinutes(1);
            })
            .AddHealthCheck(); // "multimodel": Healthy, Degraded (a provider cooling down or open), Unhealthy (none can answer)
        #endregion

        using var host = builder.Build();
        var grok = host.Services.GetRequiredService<IOptionsMonitor<ProviderResilienceOptions>>().Get("grok");
        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        Assert.Multiple(() =>
        {
            Assert.That(grok.Retry.MaxRetryAttempts, Is.EqualTo(2));
            Assert.That(grok.CircuitBreaker.BreakDuration, Is.EqualTo(TimeSpan.FromMinutes(1)));
            Assert.That(report.Entries["multimodel"].Status, Is.EqualTo(HealthStatus.Healthy));
        });
    }

    [Test]
    public async Task StandardHandler_ChosenForClaude_BindsItsOptionsAndRetriesThroughIt()
    {
        await using var emulator = await ProviderEmulator.StartAsync(new ProviderEmulatorOptions { DefaultAnswer = "Nominal." });
        emulator.Xai.Enqueue(EmulatorBehavior.Status(503));
        emulator.Anthropic.Enqueue(EmulatorBehavior.Overloaded());
        var builder = Host.CreateApplicationBuilder(
        [
            .. ReadmeEmulator.Args(emulator).Where(static arg => !arg.StartsWith("--MultiModel:Providers:claude:Resilience", StringComparison.Ordinal)), // read by MultiModel's pipeline only
            "--MultiModel:Providers:claude:StandardResilience:Retry:Delay=00:00:00",
            "--MultiModel:Providers:claude:StandardResilience:AttemptTimeout:Timeout=00:00:05",
        ]);

        #region snippet:standard-handler
        builder.Services.AddMultiModel()
            .AddGrok()
            .AddClaude()
            .UseStandardResilienceHandler("claude")                  // MultiModel:Providers:claude:StandardResilience
            .Configure(standard => standard.Retry.MaxRetryAttempts = 2); // code runs after configuration
        #endregion

        using var host = builder.Build();
        await host.StartAsync();
        var response = await host.Services.GetRequiredService<IChatProvider>().GetResponseAsync(new ChatRequest("Status?"));
        var standard = host.Services.GetRequiredService<IOptionsMonitor<HttpStandardResilienceOptions>>().Get("MultiModel.claude-standard");
        Assert.Multiple(() =>
        {
            Assert.That((response.ProviderName, response.Text), Is.EqualTo(("claude", "Nominal.")));
            Assert.That(emulator.Anthropic.RequestCount, Is.EqualTo(2), "The standard handler retried the 529 once.");
            Assert.That(standard.Retry.MaxRetryAttempts, Is.EqualTo(2));
            Assert.That(standard.AttemptTimeout.Timeout, Is.EqualTo(TimeSpan.FromSeconds(5)));
        });
        await host.StopAsync();
    }
}
