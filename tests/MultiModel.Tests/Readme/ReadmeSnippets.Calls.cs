using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MultiModel.Confidence;
using MultiModel.DependencyInjection;
using MultiModel.Failover;
using MultiModel.Providers.Claude;
using MultiModel.Providers.Grok;
using MultiModel.Resilience;
using MultiModel.Testing;

namespace MultiModel.Tests.Readme;

/// <summary>The README snippets that make calls, handle failures and stream.</summary>
public partial class ReadmeSnippets
{
    private const string TelemetryCsv = "utc,channel,value\n2026-03-14T06:25:00Z,battery_b_temp,29.3";

    [Test]
    public async Task SendRequest_Grok503_ClaudeAnswersAndAttemptsAreListed()
    {
        await using var emulator = await ProviderEmulator.StartAsync(new ProviderEmulatorOptions { DefaultAnswer = "STATUS: CAUTION" });
        emulator.Xai.Enqueue(EmulatorBehavior.Status(503));
        await using var services = CreateChain(emulator);
        var chat = services.GetRequiredService<IChatProvider>();
        var telemetryCsv = TelemetryCsv;
        var cancellationToken = CancellationToken.None;

        #region snippet:send-request
        var request = new ChatRequest(
        [
            ChatMessage.FromSystem("You are a spacecraft operations analyst. Start with STATUS: NOMINAL, CAUTION or CRITICAL."),
            ChatMessage.FromUser(telemetryCsv),
        ])
        {
            MaxOutputTokens = 1024,
            Temperature = 0.2,
        };

        var response = await chat.GetResponseAsync(request, cancellationToken);
        Console.WriteLine(response.Text);
        Console.WriteLine($"{response.ProviderName} ({response.ModelId}), confidence {response.Confidence?.Value:0.00}");
        foreach (var attempt in response.Attempts)
        {
            Console.WriteLine(attempt); // "#0 grok: Failed Overloaded 503 in 412 ms", "#1 claude: Succeeded in 2310 ms confidence=1"
        }
        #endregion

        Assert.Multiple(() =>
        {
            Assert.That((response.ProviderName, response.Text), Is.EqualTo(("claude", "STATUS: CAUTION")));
            Assert.That(response.Attempts.Select(a => (a.ProviderName, a.Outcome, a.StatusCode)), Is.EqualTo(new (string, ChatAttemptOutcome, int?)[]
            {
                ("grok", ChatAttemptOutcome.Failed, 503),
                ("claude", ChatAttemptOutcome.Succeeded, null),
            }));
        });
    }

    [Test]
    public async Task ManualIntervention_BothProvidersFail_EscalatesWithEveryAttempt()
    {
        await using var emulator = await ProviderEmulator.StartAsync();
        emulator.Xai.Enqueue(EmulatorBehavior.Status(503));
        emulator.Anthropic.Enqueue(EmulatorBehavior.Overloaded());
        await using var services = CreateChain(emulator);
        var chat = services.GetRequiredService<IChatProvider>();
        var request = new ChatRequest(TelemetryCsv);
        var cancellationToken = CancellationToken.None;
        string? acted = null;
        (ChatFailoverReason Reason, int Attempts)? escalated = null;
        void Act(string text) => acted = text;
        void Escalate(ChatFailoverReason reason, IReadOnlyList<ChatAttempt> attempts, ChatResponse? best) => escalated = (reason, attempts.Count);

        #region snippet:manual-intervention
        try
        {
            var response = await chat.GetResponseAsync(request, cancellationToken);
            Act(response.Text);
        }
        catch (ChatFailoverException ex)
        {
            // Every provider failed, was skipped, or answered below the confidence threshold: a human decides.
            // ex.Reason: AllFailed, NoneMetThreshold, AllSkipped, FailedFast, FailedAfterContent, BelowThresholdAfterContent
            // ex.Attempts: every attempt; ex.BestResponse: the best answer below the threshold, if any
            Escalate(ex.Reason, ex.Attempts, ex.BestResponse);
        }
        #endregion

        Assert.That(acted, Is.Null);
        Assert.That(escalated, Is.EqualTo((ChatFailoverReason.AllFailed, 2)));
    }

    [Test]
    public async Task Streaming_FirstProviderCutBeforeContent_SecondProviderStreamsWithFinalUpdate()
    {
        await using var emulator = await ProviderEmulator.StartAsync(new ProviderEmulatorOptions { DefaultAnswer = "STATUS: NOMINAL all channels within limits" });
        emulator.Xai.Enqueue(EmulatorBehavior.StreamError(afterDeltas: 0));
        await using var services = CreateChain(emulator);
        var chat = services.GetRequiredService<IChatProvider>();
        var request = new ChatRequest(TelemetryCsv);
        var cancellationToken = CancellationToken.None;

        #region snippet:streaming
        var answer = new StringBuilder();
        await foreach (var update in chat.GetStreamingResponseAsync(request, cancellationToken))
        {
            Console.Write(update.Text); // from one provider only: the chain commits to it at the first content
            answer.Append(update.Text);
            if (update.IsFinal)
            {
                Console.WriteLine($"\n[{update.ProviderName}, confidence {update.Confidence?.Value:0.00}, {update.Attempts?.Count} attempts]");
            }
        }
        #endregion

        Assert.Multiple(() =>
        {
            Assert.That(answer.ToString(), Is.EqualTo("STATUS: NOMINAL all channels within limits"));
            Assert.That((emulator.Xai.RequestCount, emulator.Anthropic.RequestCount), Is.EqualTo((1, 1)));
        });
    }

    [Test]
    public async Task ByHand_NoContainer_ProvidersGetResilienceAndTheChainSkipsWhatTheirHandlersReport()
    {
        await using var emulator = await ProviderEmulator.StartAsync();
        var xaiKey = emulator.Xai.ApiKey;
        var anthropicKey = emulator.Anthropic.ApiKey;

        #region snippet:by-hand
        var health = new InMemoryProviderHealthStore(); // cooldowns and circuit states, shared by the handlers and the chain
        var resilience = new ProviderResilienceFactory(health);
        using var grokHttp = new HttpClient(resilience.CreateHandler("grok", new ProviderResilienceOptions()));
        using var claudeHttp = new HttpClient(resilience.CreateHandler("claude", new ProviderResilienceOptions()));
        var grok = new GrokChatProvider(grokHttp, new GrokProviderOptions { ApiKey = xaiKey });
        var claude = new ClaudeChatProvider(claudeHttp, new ClaudeProviderOptions { ApiKey = anthropicKey });
        var chain = new FailoverChatClient([grok, claude], new FailoverChatClientOptions
        {
            AttemptTimeout = TimeSpan.FromSeconds(10),
            Confidence = new ConfidencePolicy { Threshold = 0.85 },
            HealthSource = health, // skip a provider that is cooling down or whose circuit is open
            OnAttempt = attempt => Console.WriteLine(attempt),
        });
        #endregion

        // The snippet's clients, pointed at the emulator: both providers ask to wait 5 minutes (beyond the 30 s cap).
        emulator.Xai.Enqueue(EmulatorBehavior.RateLimited(TimeSpan.FromMinutes(5)));
        emulator.Anthropic.Enqueue(EmulatorBehavior.RateLimited(TimeSpan.FromMinutes(5)));
        var viaGrokHttp = new GrokChatProvider(grokHttp, new GrokProviderOptions { ApiKey = xaiKey, BaseUrl = emulator.XaiBaseUrl });
        var viaClaudeHttp = new ClaudeChatProvider(claudeHttp, new ClaudeProviderOptions { ApiKey = anthropicKey, BaseUrl = emulator.AnthropicBaseUrl });
        Assert.ThrowsAsync<ChatProviderException>(() => viaGrokHttp.GetResponseAsync(new ChatRequest("Status?")));
        Assert.ThrowsAsync<ChatProviderException>(() => viaClaudeHttp.GetResponseAsync(new ChatRequest("Status?")));

        // The chain reads the same health, so it skips both without a call (its providers' real endpoints are never contacted).
        var ex = Assert.ThrowsAsync<ChatFailoverException>(() => chain.GetResponseAsync(new ChatRequest("Status?")));
        Assert.Multiple(() =>
        {
            Assert.That((emulator.Xai.RequestCount, emulator.Anthropic.RequestCount), Is.EqualTo((1, 1)), "A 5-minute Retry-After is not slept nor retried.");
            Assert.That(ex!.Reason, Is.EqualTo(ChatFailoverReason.AllSkipped));
            Assert.That(ex.Attempts.Select(a => (a.ProviderName, a.SkipReason)), Is.EqualTo(new[] { ("grok", "cooldown"), ("claude", "cooldown") }));
        });
    }

    [Test]
    public async Task NamedChainAndCustomProviders_Registered_ResolveByName()
    {
        await using var emulator = await ProviderEmulator.StartAsync(new ProviderEmulatorOptions { DefaultAnswer = "From the emulator." });
        var services = new ServiceCollection();

        #region snippet:providers-and-chains
        var multiModel = services.AddMultiModel()
            .AddGrok()
            .AddClaude()
            .AddOpenAICompatible("local", local =>
            {
                local.BaseUrl = new Uri("http://localhost:11434/v1"); // Ollama, vLLM, an aggregator, ...
                local.Model = "llama3.1";
            })
            .AddProvider("rules", _ => new RuleBasedChatProvider("rules")) // any IChatProvider of yours
            .WithOrder("grok", "claude", "local");

        multiModel.GetHttpClientBuilder("claude") // the provider's named HttpClient: add handlers, a proxy, ...
            .AddHttpMessageHandler(() => new AuditHandler());

        services.AddMultiModel("fast") // a second chain, resolved by key; MultiModel:Chains:fast in configuration
            .WithOrder("rules", "grok")
            .ConfigureFailover(failover => failover.AttemptTimeout = TimeSpan.FromSeconds(3));
        #endregion

        await using var provider = services.UseEmulator(emulator).BuildServiceProvider();
        var fast = await provider.GetRequiredKeyedService<IChatProvider>("fast").GetResponseAsync(new ChatRequest("Status?"));
        var local = await provider.GetRequiredKeyedService<IChatProvider>("local").GetResponseAsync(new ChatRequest("Status?"));
        var claude = await provider.GetRequiredKeyedService<IChatProvider>("claude").GetResponseAsync(new ChatRequest("Status?"));
        Assert.Multiple(() =>
        {
            Assert.That(fast.ProviderName, Is.EqualTo("rules"));
            Assert.That((local.ProviderName, local.Text), Is.EqualTo(("local", "From the emulator.")));
            Assert.That(claude.Text, Is.EqualTo("From the emulator."));
            Assert.That(provider.GetRequiredService<FailoverChatClient>().Providers.Select(p => p.Name), Is.EqualTo(new[] { "grok", "claude", "local" }));
        });
    }

    private static ServiceProvider CreateChain(ProviderEmulator emulator)
    {
        var services = new ServiceCollection();
        services.AddMultiModel().AddGrok().AddClaude();
        return services.UseEmulator(emulator).BuildServiceProvider();
    }

    /// <summary>Stands for a provider of the reader's own (rules, a cache, another SDK).</summary>
    private sealed class RuleBasedChatProvider(string name) : IChatProvider
    {
        private readonly FakeChatProvider _inner = new(name) { DefaultStep = FakeChatStep.Answer("By the rules.") };

        public string Name => name;

        public Task<ChatResponse> GetResponseAsync(ChatRequest request, CancellationToken cancellationToken = default) =>
            _inner.GetResponseAsync(request, cancellationToken);

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(ChatRequest request, CancellationToken cancellationToken = default) =>
            _inner.GetStreamingResponseAsync(request, cancellationToken);
    }

    /// <summary>Stands for the reader's own HTTP handler.</summary>
    private sealed class AuditHandler : DelegatingHandler;
}
