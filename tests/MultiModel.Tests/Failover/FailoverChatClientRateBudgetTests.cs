using Microsoft.Extensions.Time.Testing;
using MultiModel.Failover;
using MultiModel.Resilience;

namespace MultiModel.Tests.Failover;

/// <summary>A chain against the in-process store's rate budgets: a call that would exceed one skips the provider before any call.</summary>
[Parallelizable(ParallelScope.All)]
public class FailoverChatClientRateBudgetTests
{
    [Test]
    public async Task GetResponseAsync_RequestsPerMinuteSpent_SkipsProviderWithReasonAndFailsOver()
    {
        var (grok, claude) = (TestChatProvider.Answering("grok"), TestChatProvider.Answering("claude"));
        var store = new InMemoryProviderHealthStore(new FakeTimeProvider(DateTimeOffset.UtcNow));
        store.Register("grok", null, new ProviderRateLimitOptions { RequestsPerMinute = 2 });
        var sut = new FailoverChatClient([grok, claude], new FailoverChatClientOptions { HealthSource = store });

        var answers = new List<ChatResponse>();
        for (var i = 0; i < 3; i++)
        {
            answers.Add(await sut.GetResponseAsync(Some.Request()));
        }

        Assert.That(answers.Select(a => a.ProviderName), Is.EqualTo(new[] { "grok", "grok", "claude" }));
        Assert.That(grok.CallCount, Is.EqualTo(2));
        Assert.That(answers[2].Attempts[0].Outcome, Is.EqualTo(ChatAttemptOutcome.Skipped));
        Assert.That(answers[2].Attempts[0].SkipReason, Is.EqualTo("rate budget: 2 requests per minute"));
    }

    [Test]
    public async Task GetResponseAsync_MinutePassed_BudgetHasRoomAgain()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var grok = TestChatProvider.Answering("grok");
        var store = new InMemoryProviderHealthStore(time);
        store.Register("grok", null, new ProviderRateLimitOptions { RequestsPerMinute = 1 });
        var sut = new FailoverChatClient([grok, TestChatProvider.Answering("claude")], new FailoverChatClientOptions { HealthSource = store }, time);

        await sut.GetResponseAsync(Some.Request());
        time.Advance(TimeSpan.FromSeconds(59));
        var within = await sut.GetResponseAsync(Some.Request());
        time.Advance(TimeSpan.FromSeconds(1));
        var after = await sut.GetResponseAsync(Some.Request());

        Assert.That((within.ProviderName, after.ProviderName), Is.EqualTo(("claude", "grok")));
    }

    [Test]
    public async Task GetResponseAsync_TokensReservedFromEstimate_CorrectedWithReportedUsage()
    {
        // Each call reserves its estimate (a short prompt plus 100 output tokens) and then counts the 20 tokens reported.
        var grok = TestChatProvider.Answering("grok", usage: new ChatUsage { InputTokens = 15, OutputTokens = 5 });
        var store = new InMemoryProviderHealthStore(new FakeTimeProvider(DateTimeOffset.UtcNow));
        store.Register("grok", null, new ProviderRateLimitOptions { TokensPerMinute = 150 });
        var sut = new FailoverChatClient([grok, TestChatProvider.Answering("claude")], new FailoverChatClientOptions { HealthSource = store });
        var request = new ChatRequest("What is 2 + 2?") { MaxOutputTokens = 100 };

        var answers = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            answers.Add((await sut.GetResponseAsync(request)).ProviderName!);
        }

        // 20 + 20 + 20 used; a fourth reservation of ~110 no longer fits in 150.
        Assert.That(answers, Is.EqualTo(new[] { "grok", "grok", "grok", "claude" }));
        Assert.That(grok.CallCount, Is.EqualTo(3));
    }

    [Test]
    public void GetResponseAsync_FailedCall_KeepsItsReservation()
    {
        var grok = TestChatProvider.Failing("grok", Some.HttpError("grok", 500));
        var store = new InMemoryProviderHealthStore(new FakeTimeProvider(DateTimeOffset.UtcNow));
        store.Register("grok", null, new ProviderRateLimitOptions { TokensPerMinute = 150 });
        var sut = new FailoverChatClient([grok], new FailoverChatClientOptions { HealthSource = store });
        var request = new ChatRequest("What is 2 + 2?") { MaxOutputTokens = 100 };

        Assert.ThrowsAsync<ChatFailoverException>(() => sut.GetResponseAsync(request));
        var second = Assert.ThrowsAsync<ChatFailoverException>(() => sut.GetResponseAsync(request));

        // The failure reported no usage: the provider may have counted the call, so its ~110 tokens stay reserved.
        Assert.That(second!.Reason, Is.EqualTo(ChatFailoverReason.AllSkipped));
        Assert.That(second.Attempts[0].SkipReason, Does.StartWith("rate budget: ~").And.EndWith("tokens would exceed 150 tokens per minute"));
        Assert.That(grok.CallCount, Is.EqualTo(1));
    }

    [Test]
    public async Task GetResponseAsync_HedgingLooksAhead_WithoutSpendingTheNextBudget()
    {
        // The look-ahead (is there a provider left to hedge with?) must not reserve: only a started provider spends.
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var store = new InMemoryProviderHealthStore(time);
        store.Register("claude", null, new ProviderRateLimitOptions { RequestsPerMinute = 1 });
        var sut = new FailoverChatClient(
            [TestChatProvider.Answering("grok"), TestChatProvider.Answering("claude")],
            new FailoverChatClientOptions { HealthSource = store, HedgingDelay = TimeSpan.FromSeconds(5) },
            time);

        for (var i = 0; i < 3; i++)
        {
            Assert.That((await sut.GetResponseAsync(Some.Request())).ProviderName, Is.EqualTo("grok"));
        }

        var claudeOnly = new FailoverChatClient([TestChatProvider.Answering("claude")], new FailoverChatClientOptions { HealthSource = store }, time);
        Assert.That((await claudeOnly.GetResponseAsync(Some.Request())).ProviderName, Is.EqualTo("claude"));
    }

    [Test]
    public void Register_OutOfRange_ThrowsWithTheMember()
    {
        var store = new InMemoryProviderHealthStore();

        var ex = Assert.Throws<ArgumentException>(() => store.Register("grok", null, new ProviderRateLimitOptions { TokensPerMinute = 0 }));

        Assert.That(ex!.Message, Does.StartWith("ProviderRateLimitOptions.TokensPerMinute must be at least 1"));
    }
}
