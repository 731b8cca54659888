using Microsoft.Extensions.DependencyInjection;
using MultiModel.Confidence;
using MultiModel.DependencyInjection;
using MultiModel.Failover;
using MultiModel.Resilience;
using MultiModel.Testing;
using Polly;

namespace MultiModel.Tests.Integration;

/// <summary>
/// A loopback <see cref="ProviderEmulator"/> and a real DI container (AddMultiModel + AddGrok + AddClaude) pointing at it,
/// with short but realistic resilience settings. Every test builds its own, so no state is shared between tests.
/// </summary>
internal sealed class IntegrationHarness : IAsyncDisposable
{
    public const string GrokName = "grok";
    public const string ClaudeName = "claude";

    /// <summary>The name of a second chain that tries the providers in the opposite order.</summary>
    public const string ReverseChain = "reverse";

    private IntegrationHarness(ProviderEmulator emulator, ServiceProvider services, Primary primary)
    {
        Emulator = emulator;
        Services = services;
        Primary = primary;
    }

    public ProviderEmulator Emulator { get; }

    public ServiceProvider Services { get; }

    public Primary Primary { get; }

    public FailoverChatClient Chain => Services.GetRequiredService<FailoverChatClient>();

    public FailoverChatClient Reverse => Services.GetRequiredKeyedService<FailoverChatClient>(ReverseChain);

    public string PrimaryName => NameOf(Primary);

    public string SecondaryName => NameOf(Other(Primary));

    /// <summary>Gets the emulated API the primary provider talks to.</summary>
    public EmulatedProvider PrimaryEndpoint => EndpointOf(Primary);

    /// <summary>Gets the emulated API the secondary provider talks to.</summary>
    public EmulatedProvider SecondaryEndpoint => EndpointOf(Other(Primary));

    public static string NameOf(Primary primary) => primary == Primary.Grok ? GrokName : ClaudeName;

    public static Primary Other(Primary primary) => primary == Primary.Grok ? Primary.Claude : Primary.Grok;

    public static async Task<IntegrationHarness> StartAsync(Primary primary, Action<HarnessSettings>? tune = null)
    {
        var settings = new HarnessSettings();
        tune?.Invoke(settings);
        var emulator = await ProviderEmulator.StartAsync();
        try
        {
            var services = new ServiceCollection();
            var builder = services.AddMultiModel()
                .AddGrok(GrokName, o => (o.BaseUrl, o.ApiKey) = (emulator.XaiBaseUrl, emulator.Xai.ApiKey))
                .AddClaude(ClaudeName, o => (o.BaseUrl, o.ApiKey) = (emulator.AnthropicBaseUrl, emulator.Anthropic.ApiKey))
                .ConfigureResilience(GrokName, o => ConfigureResilience(o, settings, primary == Primary.Grok))
                .ConfigureResilience(ClaudeName, o => ConfigureResilience(o, settings, primary == Primary.Claude))
                .WithOrder(NameOf(primary), NameOf(Other(primary)))
                .ConfigureFailover(f => ConfigureFailover(f, settings));
            if (settings.LogprobScorer)
            {
                builder.AddConfidenceScorer(new LogprobConfidenceScorer());
            }

            services.AddMultiModel(ReverseChain)
                .WithOrder(NameOf(Other(primary)), NameOf(primary))
                .ConfigureFailover(f => ConfigureFailover(f, settings));

            return new IntegrationHarness(emulator, services.BuildServiceProvider(validateScopes: true), primary);
        }
        catch
        {
            await emulator.DisposeAsync();
            throw;
        }
    }

    public static ChatRequest Request(string text = "Name three prime numbers.") => new(text) { IncludeLogprobs = true };

    /// <summary>Calls the chain in the given way and returns who answered, the text and the attempts.</summary>
    public Task<ChainAnswer> CallAsync(Wire wire, ChatRequest? request = null, CancellationToken cancellationToken = default) =>
        CallAsync(Chain, wire, request, cancellationToken);

    public static async Task<ChainAnswer> CallAsync(FailoverChatClient chain, Wire wire, ChatRequest? request = null, CancellationToken cancellationToken = default)
    {
        request ??= Request();
        if (wire == Wire.Json)
        {
            var response = await chain.GetResponseAsync(request, cancellationToken);
            return new ChainAnswer(response.ProviderName, response.Text, response.Attempts);
        }

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in chain.GetStreamingResponseAsync(request, cancellationToken))
        {
            updates.Add(update);
        }

        var final = updates.Single(u => u.IsFinal);
        return new ChainAnswer(final.ProviderName, string.Concat(updates.Select(u => u.Text)), final.Attempts ?? []);
    }

    public EmulatedProvider EndpointOf(Primary provider) => provider == Primary.Grok ? Emulator.Xai : Emulator.Anthropic;

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Emulator.DisposeAsync();
    }

    private static void ConfigureResilience(ProviderResilienceOptions resilience, HarnessSettings settings, bool isPrimary)
    {
        resilience.AttemptTimeout = isPrimary ? settings.PrimaryHttpAttemptTimeout ?? settings.HttpAttemptTimeout : settings.HttpAttemptTimeout;
        resilience.Retry.MaxRetryAttempts = settings.MaxRetryAttempts;
        resilience.Retry.Delay = settings.RetryDelay;
        resilience.Retry.MaxDelay = settings.RetryDelay;
        resilience.Retry.BackoffType = DelayBackoffType.Constant;
        resilience.Retry.UseJitter = false;
        resilience.Retry.MaxRetryAfter = settings.MaxRetryAfter;
        resilience.CircuitBreaker.Enabled = settings.CircuitBreaker;
        resilience.CircuitBreaker.MinimumThroughput = settings.CircuitMinimumThroughput;
        resilience.CircuitBreaker.SamplingDuration = settings.CircuitSamplingDuration;
        resilience.CircuitBreaker.BreakDuration = settings.CircuitBreakDuration;
    }

    private static void ConfigureFailover(FailoverChatClientOptions failover, HarnessSettings settings)
    {
        failover.AttemptTimeout = settings.ChainAttemptTimeout;
        failover.HeadBufferLength = settings.HeadBufferLength;
        failover.ResumeStreams = settings.ResumeStreams;
    }
}
