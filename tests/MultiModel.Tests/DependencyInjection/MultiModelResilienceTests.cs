using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using MultiModel.Failover;
using RichardSzalay.MockHttp;

namespace MultiModel.Tests.DependencyInjection;

[Parallelizable(ParallelScope.All)]
public class MultiModelResilienceTests
{
    private static readonly ChatRequest Request = new("Status?");

    [Test]
    public async Task GetResponseAsync_RetryAfterWithinCap_SleepsThenRetriesTheSameProvider()
    {
        var settings = MultiModelTestContainer.GrokThenClaude(
            ("MultiModel:Providers:grok:Resilience:Retry:MaxRetryAttempts", "1"),
            ("MultiModel:Failover:AttemptTimeout", "00:01:00"));
        await using var container = MultiModelTestContainer.Create(settings, ["grok", "claude"]);
        var grok = container.Http["grok"];
        grok.Expect(HttpMethod.Post, WireAnswers.GrokUrl).Respond(_ => WireAnswers.Status(429, ("retry-after", "7")));
        grok.AnswerGrok("after the wait", expect: true);

        var call = container.Get<FailoverChatClient>().GetResponseAsync(Request);
        await container.Time.WaitForTimerDueWithinAsync(TimeSpan.FromSeconds(7));
        container.Time.Advance(TimeSpan.FromSeconds(6.9));
        Assert.That(call.IsCompleted, Is.False, "Retry-After must be honoured.");
        container.Time.Advance(TimeSpan.FromSeconds(0.1));
        var response = await call;

        Assert.That(response.ProviderName, Is.EqualTo("grok"));
        Assert.That(response.Attempts, Has.Count.EqualTo(1));
        grok.VerifyNoOutstandingExpectation();
    }

    [Test]
    public async Task GetResponseAsync_LongRetryAfter_CoolsDownFailsOverThenRecovers()
    {
        var settings = MultiModelTestContainer.GrokThenClaude(
            ("MultiModel:Providers:grok:Resilience:Retry:MaxRetryAttempts", "2"),
            ("MultiModel:Providers:grok:Resilience:Retry:MaxRetryAfter", "00:00:30"));
        await using var container = MultiModelTestContainer.Create(settings, ["grok", "claude"]);
        var limited = container.Http["grok"].Expect(HttpMethod.Post, WireAnswers.GrokUrl);
        limited.Respond(_ => WireAnswers.Status(429, ("retry-after", "120")));
        container.Http["claude"].AnswerClaude("claude covers");
        var chain = container.Get<FailoverChatClient>();

        var first = await chain.GetResponseAsync(Request);
        var second = await chain.GetResponseAsync(Request);
        container.Time.Advance(TimeSpan.FromSeconds(121));
        container.Http["grok"].AnswerGrok("grok is back", expect: true);
        var third = await chain.GetResponseAsync(Request);

        Assert.Multiple(() =>
        {
            Assert.That(first.ProviderName, Is.EqualTo("claude"));
            Assert.That(first.Attempts[0].StatusCode, Is.EqualTo(429));
            Assert.That(first.Attempts[0].ErrorClass, Is.EqualTo(ChatErrorClass.RateLimited));
            Assert.That(container.Http["grok"].GetMatchCount(limited), Is.EqualTo(1), "A Retry-After above the cap is not slept nor retried.");
            Assert.That(second.Attempts[0].Outcome, Is.EqualTo(ChatAttemptOutcome.Skipped));
            Assert.That(second.Attempts[0].SkipReason, Is.EqualTo("cooldown"));
            Assert.That(second.ProviderName, Is.EqualTo("claude"));
            Assert.That(third.ProviderName, Is.EqualTo("grok"), "After the cooldown the provider is tried again.");
        });
    }

    [Test]
    public async Task GetResponseAsync_CircuitOpens_ProviderIsSkippedUntilTheBreakEnds()
    {
        var settings = MultiModelTestContainer.GrokThenClaude(
            ("MultiModel:Providers:grok:Resilience:CircuitBreaker:MinimumThroughput", "2"),
            ("MultiModel:Providers:grok:Resilience:CircuitBreaker:FailureRatio", "0.5"),
            ("MultiModel:Providers:grok:Resilience:CircuitBreaker:BreakDuration", "00:00:30"));
        await using var container = MultiModelTestContainer.Create(settings, ["grok", "claude"]);
        var failing = container.Http["grok"].When(HttpMethod.Post, WireAnswers.GrokUrl);
        failing.Respond(_ => WireAnswers.Status(500));
        container.Http["claude"].AnswerClaude("claude covers");
        var chain = container.Get<FailoverChatClient>();

        await chain.GetResponseAsync(Request);
        await chain.GetResponseAsync(Request);
        var skipped = await chain.GetResponseAsync(Request);
        var callsWhileOpen = container.Http["grok"].GetMatchCount(failing);
        container.Time.Advance(TimeSpan.FromSeconds(30));
        var probed = await chain.GetResponseAsync(Request);

        Assert.Multiple(() =>
        {
            Assert.That(skipped.Attempts[0].Outcome, Is.EqualTo(ChatAttemptOutcome.Skipped));
            Assert.That(skipped.Attempts[0].SkipReason, Is.EqualTo("circuit-open"));
            Assert.That(callsWhileOpen, Is.EqualTo(2));
            Assert.That(probed.Attempts[0].Outcome, Is.EqualTo(ChatAttemptOutcome.Failed), "After the break one probe reaches the provider.");
            Assert.That(container.Http["grok"].GetMatchCount(failing), Is.EqualTo(3));
        });
    }

    [TestCase("true")]
    [TestCase("false")]
    public async Task GetResponseAsync_RetryAfterBeyondTimeSpan_IsRateLimitedAndCoolsDown(string resilience)
    {
        var settings = MultiModelTestContainer.GrokThenClaude(("MultiModel:Providers:grok:Resilience:Enabled", resilience));
        await using var container = MultiModelTestContainer.Create(settings, ["grok", "claude"]);
        container.Http["grok"].When(HttpMethod.Post, WireAnswers.GrokUrl).Respond(_ => WireAnswers.Status(429, ("retry-after-ms", "1e16")));
        container.Http["claude"].AnswerClaude("claude covers");
        var chain = container.Get<FailoverChatClient>();

        var first = await chain.GetResponseAsync(Request);
        var second = await chain.GetResponseAsync(Request);

        Assert.Multiple(() =>
        {
            Assert.That(first.Attempts[0].ErrorClass, Is.EqualTo(ChatErrorClass.RateLimited), first.Attempts[0].ToString());
            Assert.That(first.Attempts[0].StatusCode, Is.EqualTo(429));
            Assert.That(second.Attempts[0].SkipReason, Is.EqualTo("cooldown"), "A wait too long to represent is the longest cooldown, not none.");
            Assert.That(second.ProviderName, Is.EqualTo("claude"));
        });
    }

    [Test]
    public async Task HealthCheck_ReportsHealthyThenDegradedThenUnhealthy()
    {
        var settings = MultiModelTestContainer.GrokThenClaude(
            ("MultiModel:Providers:grok:Resilience:CircuitBreaker:MinimumThroughput", "2"),
            ("MultiModel:Providers:claude:Resilience:Retry:MaxRetryAfter", "00:00:05"));
        await using var container = MultiModelTestContainer.Create(settings, ["grok", "claude"], (_, builder) => builder.AddHealthCheck());
        container.Http["grok"].When(HttpMethod.Post, WireAnswers.GrokUrl).Respond(_ => WireAnswers.Status(503));
        container.Http["claude"].When(HttpMethod.Post, WireAnswers.ClaudeUrl).Respond(_ => WireAnswers.Status(429, ("retry-after", "600")));
        var health = container.Get<HealthCheckService>();
        var chain = container.Get<FailoverChatClient>();

        var initially = await health.CheckHealthAsync();
        container.Http["claude"].ResetBackendDefinitions();
        container.Http["claude"].AnswerClaude("fine");
        await chain.GetResponseAsync(Request);
        await chain.GetResponseAsync(Request);
        var oneOpen = await health.CheckHealthAsync();
        container.Http["claude"].ResetBackendDefinitions();
        container.Http["claude"].When(HttpMethod.Post, WireAnswers.ClaudeUrl).Respond(_ => WireAnswers.Status(429, ("retry-after", "600")));
        Assert.ThrowsAsync<ChatFailoverException>(() => chain.GetResponseAsync(Request));
        var noneLeft = await health.CheckHealthAsync();

        Assert.Multiple(() =>
        {
            Assert.That(initially.Status, Is.EqualTo(HealthStatus.Healthy));
            Assert.That(oneOpen.Status, Is.EqualTo(HealthStatus.Degraded));
            Assert.That(oneOpen.Entries["multimodel"].Data["grok"], Does.StartWith("unhealthy: circuit open"));
            Assert.That(oneOpen.Entries["multimodel"].Data["claude"], Is.EqualTo("healthy"));
            Assert.That(noneLeft.Status, Is.EqualTo(HealthStatus.Unhealthy));
            Assert.That(noneLeft.Entries["multimodel"].Data["claude"], Does.StartWith("degraded: cooling down until"));
        });
    }

    [Test]
    public async Task OptionsReload_ChangesOrderAndThresholdWithoutRestart()
    {
        await using var container = MultiModelTestContainer.Create(MultiModelTestContainer.GrokThenClaude(), ["grok", "claude"]);
        container.Http["grok"].When(HttpMethod.Post, WireAnswers.GrokUrl).Respond("application/json", """
            {"id":"g","model":"grok-4","choices":[{"index":0,"message":{"role":"assistant","content":"cut sho"},"finish_reason":"length"}],
             "usage":{"prompt_tokens":5,"completion_tokens":2,"total_tokens":7}}
            """);
        container.Http["claude"].AnswerClaude("claude answer");
        var chain = container.Get<FailoverChatClient>();

        var before = await chain.GetResponseAsync(Request);
        container.Configuration["MultiModel:Order:0"] = "claude";
        container.Configuration["MultiModel:Order:1"] = "grok";
        container.Configuration.Reload();
        var reordered = await chain.GetResponseAsync(Request);
        container.Configuration["MultiModel:Order:0"] = "grok";
        container.Configuration["MultiModel:Order:1"] = "claude";
        container.Configuration["MultiModel:Confidence:Threshold"] = "0.2";
        container.Configuration.Reload();
        var lowered = await chain.GetResponseAsync(Request);

        Assert.Multiple(() =>
        {
            Assert.That(before.ProviderName, Is.EqualTo("claude"), "A truncated answer is below 0.85 and fails over.");
            Assert.That(before.Attempts[0].Outcome, Is.EqualTo(ChatAttemptOutcome.BelowThreshold));
            Assert.That(reordered.Attempts.Select(a => a.ProviderName).First(), Is.EqualTo("claude"));
            Assert.That(chain.Providers.Select(p => p.Name), Is.EqualTo(new[] { "grok", "claude" }));
            Assert.That(lowered.ProviderName, Is.EqualTo("grok"), "With the threshold at 0.2 the truncated answer is accepted.");
        });
    }

    [Test]
    public async Task GetResponseAsync_ProviderHangs_PipelineTimesOutFirstAndTheCircuitOpens()
    {
        var settings = MultiModelTestContainer.GrokThenClaude(
            ("MultiModel:Failover:AttemptTimeout", "00:00:10"),
            ("MultiModel:Providers:grok:Resilience:AttemptTimeout", "00:00:10"),
            ("MultiModel:Providers:grok:Resilience:CircuitBreaker:MinimumThroughput", "2"));
        var hanging = new HangingHandler();
        await using var container = MultiModelTestContainer.Create(settings, ["grok", "claude"]);
        container.Http["grok"].When(HttpMethod.Post, WireAnswers.GrokUrl).Respond(hanging);
        container.Http["claude"].AnswerClaude("claude covers");
        var chain = container.Get<FailoverChatClient>();

        var answers = new List<ChatResponse>();
        for (var i = 0; i < 2; i++)
        {
            var call = chain.GetResponseAsync(Request);
            while (hanging.Calls < i + 1)
            {
                await Task.Delay(1);
            }

            // The pipeline's try timeout ends just before the chain's 10 s attempt timeout (at 9.9 s).
            await container.Time.WaitForTimerDueWithinAsync(TimeSpan.FromSeconds(9.95));
            container.Time.Advance(TimeSpan.FromSeconds(9.9));
            answers.Add(await call);
        }

        var thirdCall = chain.GetResponseAsync(Request);
        var finished = await Task.WhenAny(thirdCall, Task.Delay(TimeSpan.FromSeconds(5)));
        Assert.That(finished, Is.SameAs(thirdCall), $"The third call waited on grok: {string.Join("; ", answers[1].Attempts)} / {answers[1].Attempts[0].Exception}");
        var third = await thirdCall;

        Assert.Multiple(() =>
        {
            Assert.That(answers.Select(a => a.Attempts[0].ErrorClass), Is.All.EqualTo(ChatErrorClass.Timeout));
            Assert.That(answers.Select(a => a.ProviderName), Is.All.EqualTo("claude"));
            Assert.That(third.Attempts[0].Outcome, Is.EqualTo(ChatAttemptOutcome.Skipped), "Two timeouts must open the circuit.");
            Assert.That(third.Attempts[0].SkipReason, Is.EqualTo("circuit-open"));
            Assert.That(hanging.Calls, Is.EqualTo(2));
        });
    }
}
