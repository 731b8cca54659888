using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using MultiModel.Failover;
using RichardSzalay.MockHttp;

namespace MultiModel.Tests.DependencyInjection;

/// <summary>A provider may run Microsoft.Extensions.Http.Resilience's standard handler instead of MultiModel's pipeline; the chain still learns its health.</summary>
[Parallelizable(ParallelScope.All)]
public class MultiModelStandardHandlerTests
{
    private static readonly ChatRequest Request = new("Status?");

    private static MultiModelTestContainer Create(params (string Key, string? Value)[] extra)
    {
        var settings = MultiModelTestContainer.GrokThenClaude(
            ("MultiModel:Providers:grok:StandardResilience:Retry:MaxRetryAttempts", "1"),
            ("MultiModel:Providers:grok:StandardResilience:Retry:Delay", "00:00:00"),
            ("MultiModel:Providers:grok:StandardResilience:CircuitBreaker:MinimumThroughput", "2"),
            ("MultiModel:Providers:grok:StandardResilience:CircuitBreaker:BreakDuration", "00:00:30"));
        settings.Remove("MultiModel:Providers:grok:Resilience:Retry:MaxRetryAttempts"); // configuration MultiModel's pipeline would read is refused here
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return MultiModelTestContainer.Create(settings, ["grok", "claude"], (_, builder) =>
        {
            builder.UseStandardResilienceHandler("grok");
            builder.ConfigureResilience("grok", resilience => resilience.Retry.MaxRetryAttempts = 3); // MultiModel's retries, which must not be added
        });
    }

    [Test]
    public async Task StandardHandler_OptionsFromConfiguration_RetriesAsConfiguredAndMultiModelsPipelineIsNotAdded()
    {
        await using var container = Create();
        var failing = container.Http["grok"].When(HttpMethod.Post, WireAnswers.GrokUrl);
        failing.Respond(_ => WireAnswers.Status(503));
        container.Http["claude"].AnswerClaude("claude covers");

        var response = await container.Get<FailoverChatClient>().GetResponseAsync(Request);
        var standard = container.Get<IOptionsMonitor<HttpStandardResilienceOptions>>().Get("MultiModel.grok-standard");

        Assert.Multiple(() =>
        {
            Assert.That(response.ProviderName, Is.EqualTo("claude"));
            Assert.That(container.Http["grok"].GetMatchCount(failing), Is.EqualTo(2), "One try and the standard handler's one retry; MultiModel's 3 retries are not added.");
            Assert.That(standard.CircuitBreaker.MinimumThroughput, Is.EqualTo(2));
        });
    }

    [Test]
    public async Task StandardHandler_CircuitOpens_ChainSkipsTheProviderUntilTheBreakEnds()
    {
        await using var container = Create();
        var failing = container.Http["grok"].When(HttpMethod.Post, WireAnswers.GrokUrl);
        failing.Respond(_ => WireAnswers.Status(500));
        container.Http["claude"].AnswerClaude("claude covers");
        var chain = container.Get<FailoverChatClient>();

        await chain.GetResponseAsync(Request);
        var skipped = await chain.GetResponseAsync(Request);
        var calls = container.Http["grok"].GetMatchCount(failing);
        container.Time.Advance(TimeSpan.FromSeconds(30));
        var probed = await chain.GetResponseAsync(Request);

        Assert.Multiple(() =>
        {
            Assert.That(skipped.Attempts[0].Outcome, Is.EqualTo(ChatAttemptOutcome.Skipped));
            Assert.That(skipped.Attempts[0].SkipReason, Is.EqualTo("circuit-open"));
            Assert.That(calls, Is.EqualTo(2), "The open circuit is skipped without a call.");
            Assert.That(probed.Attempts[0].Outcome, Is.EqualTo(ChatAttemptOutcome.Failed), "After the break the provider is called again.");
        });
    }

    [Test]
    public async Task StandardHandler_RetryAfterBeyondTheCap_IsNotSleptAndStartsACooldown()
    {
        await using var container = Create(("MultiModel:Providers:grok:Resilience:Retry:MaxRetryAfter", "00:00:10"));
        var limited = container.Http["grok"].When(HttpMethod.Post, WireAnswers.GrokUrl);
        limited.Respond(_ => WireAnswers.Status(429, ("retry-after", "60")));
        container.Http["claude"].AnswerClaude("claude covers");
        var chain = container.Get<FailoverChatClient>();

        var first = await chain.GetResponseAsync(Request);
        var second = await chain.GetResponseAsync(Request);
        container.Time.Advance(TimeSpan.FromSeconds(60));
        var third = await chain.GetResponseAsync(Request);

        Assert.Multiple(() =>
        {
            Assert.That(first.Attempts[0].StatusCode, Is.EqualTo(429));
            Assert.That(second.Attempts[0].SkipReason, Is.EqualTo("cooldown"));
            Assert.That(third.Attempts[0].Outcome, Is.EqualTo(ChatAttemptOutcome.Failed), "The cooldown ends on time.");
            Assert.That(container.Http["grok"].GetMatchCount(limited), Is.EqualTo(2), "Neither call slept or retried the 60 s Retry-After.");
        });
    }

    [Test]
    public void StandardHandler_InvalidOptionInConfiguration_StopsTheHostAtStart()
    {
        // The package validates its options on start too, so the host may report the failure more than once (AggregateException).
        var ex = Assert.Catch(() => Create(("MultiModel:Providers:grok:StandardResilience:Retry:MaxRetryAttempts", "zero")));

        var failures = ex is AggregateException all ? all.InnerExceptions : [ex!];
        Assert.That(failures, Is.All.InstanceOf<OptionsValidationException>());
        Assert.That(ex!.Message, Does.Contain("'zero' at 'MultiModel:Providers:grok:StandardResilience:Retry:MaxRetryAttempts'"));
    }
}
