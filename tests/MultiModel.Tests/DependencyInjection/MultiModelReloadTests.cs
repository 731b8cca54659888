using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using MultiModel.Failover;
using RichardSzalay.MockHttp;

namespace MultiModel.Tests.DependencyInjection;

/// <summary>A configuration reload applies whole to the calls that start afterwards, or not at all.</summary>
[Parallelizable(ParallelScope.All)]
public class MultiModelReloadTests
{
    private static readonly ChatRequest Request = new("Status?");

    private static MultiModelTestContainer Create(params (string Key, string? Value)[] extra) =>
        MultiModelTestContainer.Create(
            MultiModelTestContainer.GrokThenClaude(extra),
            ["grok", "claude"],
            (services, _) => services.AddFakeLogging());

    [Test]
    public async Task Reload_InvalidValue_IsLoggedAndNothingOfItApplies()
    {
        await using var container = Create();
        container.Http["grok"].When(HttpMethod.Post, WireAnswers.GrokUrl).Respond("application/json", WireAnswers.Grok("grok answer"));
        container.Http["claude"].AnswerClaude("claude answer");
        var chain = container.Get<FailoverChatClient>();

        container.Configuration["MultiModel:Order:0"] = "claude";
        container.Configuration["MultiModel:Order:1"] = "grok";
        container.Configuration["MultiModel:Failover:HedgingDelay"] = "00:00:00";
        container.Configuration.Reload();
        var afterInvalid = await chain.GetResponseAsync(Request);
        container.Configuration["MultiModel:Failover:HedgingDelay"] = null;
        container.Configuration.Reload();
        var afterFix = await chain.GetResponseAsync(Request);

        var logs = container.Services.GetFakeLogCollector().GetSnapshot();
        var rejected = logs.Single(r => r.Id.Id == 300);
        Assert.Multiple(() =>
        {
            Assert.That(afterInvalid.ProviderName, Is.EqualTo("grok"), "The valid half of an invalid reload (the new order) must not apply.");
            Assert.That(chain.Providers.Select(p => p.Name), Is.EqualTo(new[] { "claude", "grok" }));
            Assert.That(afterFix.ProviderName, Is.EqualTo("claude"));
            Assert.That(rejected.Level, Is.EqualTo(LogLevel.Error));
            Assert.That(rejected.Category, Is.EqualTo("MultiModel.Configuration"));
            Assert.That(rejected.Message, Does.Contain("MultiModel:Failover:HedgingDelay is invalid"));
            Assert.That(logs.Count(r => r.Id.Id == 301), Is.EqualTo(1), "Only the valid reload is applied.");
        });
    }

    [Test]
    public async Task Reload_RetrySettingsChange_NextCallRetriesWithTheNewSettings()
    {
        await using var container = Create(("MultiModel:Providers:grok:Resilience:Retry:Delay", "00:00:00"));
        var failing = container.Http["grok"].When(HttpMethod.Post, WireAnswers.GrokUrl);
        failing.Respond(_ => WireAnswers.Status(503));
        container.Http["claude"].AnswerClaude("claude covers");
        var chain = container.Get<FailoverChatClient>();

        await chain.GetResponseAsync(Request);
        var before = container.Http["grok"].GetMatchCount(failing);
        container.Configuration["MultiModel:Providers:grok:Resilience:Retry:MaxRetryAttempts"] = "2";
        container.Configuration.Reload();
        await chain.GetResponseAsync(Request);

        Assert.That((before, container.Http["grok"].GetMatchCount(failing) - before), Is.EqualTo((1, 3)), "No retry before the reload, two after it.");
    }

    [TestCase("MultiModel:Confidence:Threshold", "0.5", true)]
    [TestCase("MultiModel:Providers:grok:Resilience:Retry:UseJitter", "false", false)]
    public async Task Reload_AfterTheCircuitOpened_KeepsTheCircuitUnlessTheProvidersResilienceChanged(string key, string value, bool circuitKept)
    {
        await using var container = Create(
            ("MultiModel:Providers:grok:Resilience:CircuitBreaker:MinimumThroughput", "2"),
            ("MultiModel:Providers:grok:Resilience:CircuitBreaker:BreakDuration", "00:00:30"));
        var failing = container.Http["grok"].When(HttpMethod.Post, WireAnswers.GrokUrl);
        failing.Respond(_ => WireAnswers.Status(500));
        container.Http["claude"].AnswerClaude("claude covers");
        var chain = container.Get<FailoverChatClient>();
        await chain.GetResponseAsync(Request);
        await chain.GetResponseAsync(Request);

        container.Configuration[key] = value;
        container.Configuration.Reload();
        container.Time.Advance(TimeSpan.FromSeconds(30));
        var probe = await chain.GetResponseAsync(Request);
        var next = await chain.GetResponseAsync(Request);

        Assert.Multiple(() =>
        {
            Assert.That(probe.Attempts[0].Outcome, Is.EqualTo(ChatAttemptOutcome.Failed), "After the break the provider is called again.");
            Assert.That(next.Attempts[0].Outcome, Is.EqualTo(circuitKept ? ChatAttemptOutcome.Skipped : ChatAttemptOutcome.Failed),
                circuitKept ? "The kept breaker was half-open: the failed probe reopens it." : "A rebuilt breaker starts closed and needs two failures again.");
        });
    }
}
