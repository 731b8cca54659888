using Microsoft.Extensions.DependencyInjection;
using MultiModel.Failover;
using RichardSzalay.MockHttp;

namespace MultiModel.Tests.DependencyInjection;

/// <summary>Rate budgets bound from <c>Providers:{name}:RateLimit</c> and set in code, kept by the container's health store.</summary>
[Parallelizable(ParallelScope.All)]
public class MultiModelRateLimitTests
{
    private static readonly ChatRequest Request = new("Status?") { MaxOutputTokens = 50 };

    [Test]
    public async Task GetResponseAsync_ConfiguredRequestsPerMinuteSpent_SkipsProviderWithoutRequestUntilTheMinutePassed()
    {
        var settings = MultiModelTestContainer.GrokThenClaude(("MultiModel:Providers:grok:RateLimit:RequestsPerMinute", "2"));
        await using var container = MultiModelTestContainer.Create(settings, ["grok", "claude"]);
        var grokAnswers = container.Http["grok"].AnswerGrok("grok");
        container.Http["claude"].AnswerClaude("claude");
        var chain = container.Get<FailoverChatClient>();

        var answers = new List<ChatResponse>();
        for (var i = 0; i < 3; i++)
        {
            answers.Add(await chain.GetResponseAsync(Request));
        }

        container.Time.Advance(TimeSpan.FromMinutes(1));
        answers.Add(await chain.GetResponseAsync(Request));

        Assert.That(answers.Select(a => a.ProviderName), Is.EqualTo(new[] { "grok", "grok", "claude", "grok" }));
        Assert.That(container.Http["grok"].GetMatchCount(grokAnswers), Is.EqualTo(3));
        Assert.That(answers[2].Attempts[0].SkipReason, Is.EqualTo("rate budget: 2 requests per minute"));
    }

    [Test]
    public async Task ConfigureRateLimit_InCode_RunsAfterConfiguration()
    {
        var settings = MultiModelTestContainer.GrokThenClaude(("MultiModel:Providers:grok:RateLimit:RequestsPerMinute", "100"));
        await using var container = MultiModelTestContainer.Create(settings, ["grok", "claude"], (_, builder) =>
            builder.ConfigureRateLimit("grok", limit => limit.RequestsPerMinute = 1));
        container.Http["grok"].AnswerGrok("grok");
        container.Http["claude"].AnswerClaude("claude");
        var chain = container.Get<FailoverChatClient>();

        var first = await chain.GetResponseAsync(Request);
        var second = await chain.GetResponseAsync(Request);

        Assert.That((first.ProviderName, second.ProviderName), Is.EqualTo(("grok", "claude")));
    }
}
