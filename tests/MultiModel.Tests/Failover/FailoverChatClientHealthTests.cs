using MultiModel.Failover;
using MultiModel.Resilience;

namespace MultiModel.Tests.Failover;

[Parallelizable(ParallelScope.All)]
public class FailoverChatClientHealthTests
{
    [Test]
    public async Task GetResponseAsync_ProviderCoolingDown_IsSkippedWithoutACall()
    {
        var time = new ManualTimeProvider();
        var grok = TestChatProvider.Answering("grok");
        var health = new Health { ["grok"] = ProviderHealth.CoolingDownUntil(time.GetUtcNow().AddSeconds(30)) };
        var sut = new FailoverChatClient([grok, TestChatProvider.Answering("claude")], new FailoverChatClientOptions { HealthSource = health }, time);

        var response = await sut.GetResponseAsync(Some.Request());

        Assert.That(grok.CallCount, Is.Zero);
        Assert.That(response.ProviderName, Is.EqualTo("claude"));
        Assert.That(response.Attempts[0].Outcome, Is.EqualTo(ChatAttemptOutcome.Skipped));
        Assert.That(response.Attempts[0].SkipReason, Is.EqualTo("cooldown"));
        Assert.That(response.Attempts[0].Duration, Is.EqualTo(TimeSpan.Zero));
    }

    [Test]
    public async Task GetResponseAsync_CooldownOver_ProviderIsTried()
    {
        var time = new ManualTimeProvider();
        var health = new Health { ["grok"] = ProviderHealth.CoolingDownUntil(time.GetUtcNow().AddSeconds(-1)) };
        var sut = new FailoverChatClient([TestChatProvider.Answering("grok")], new FailoverChatClientOptions { HealthSource = health }, time);

        var response = await sut.GetResponseAsync(Some.Request());

        Assert.That(response.ProviderName, Is.EqualTo("grok"));
    }

    [Test]
    public async Task GetResponseAsync_CircuitOpenAndHalfOpen_OpenIsSkippedHalfOpenIsTried()
    {
        var health = new Health { ["grok"] = ProviderHealth.Open(), ["claude"] = new ProviderHealth(ProviderHealthState.HalfOpen) };
        var sut = new FailoverChatClient([TestChatProvider.Answering("grok"), TestChatProvider.Answering("claude")], new FailoverChatClientOptions { HealthSource = health });

        var response = await sut.GetResponseAsync(Some.Request());

        Assert.That(response.ProviderName, Is.EqualTo("claude"));
        Assert.That(response.Attempts[0].SkipReason, Is.EqualTo("circuit-open"));
    }

    [Test]
    public void GetResponseAsync_EveryProviderSkipped_ThrowsAllSkipped()
    {
        var health = new Health { ["grok"] = ProviderHealth.Open(), ["claude"] = ProviderHealth.Open() };
        var sut = new FailoverChatClient([TestChatProvider.Answering("grok"), TestChatProvider.Answering("claude")], new FailoverChatClientOptions { HealthSource = health });

        var ex = Assert.ThrowsAsync<ChatFailoverException>(() => sut.GetResponseAsync(Some.Request()));

        Assert.That(ex!.Reason, Is.EqualTo(ChatFailoverReason.AllSkipped));
        Assert.That(ex.InnerException, Is.Null);
        Assert.That(ex.Attempts.Select(a => a.Outcome), Is.All.EqualTo(ChatAttemptOutcome.Skipped));
    }

    [Test]
    public void GetStreamingResponseAsync_EveryProviderSkipped_ThrowsAllSkipped()
    {
        var health = new Health { ["grok"] = ProviderHealth.Open() };
        var sut = new FailoverChatClient([TestChatProvider.Streaming("grok")], new FailoverChatClientOptions { HealthSource = health });

        var ex = Assert.ThrowsAsync<ChatFailoverException>(() => Some.CollectAsync(sut.GetStreamingResponseAsync(Some.Request())));

        Assert.That(ex!.Reason, Is.EqualTo(ChatFailoverReason.AllSkipped));
    }

    [Test]
    public void GetResponseAsync_MaxAttemptsReached_StopsAndReportsTheRestSkipped()
    {
        var third = TestChatProvider.Answering("third");
        var sut = new FailoverChatClient(
            [TestChatProvider.Failing("grok", Some.HttpError("grok", 500)), TestChatProvider.Failing("claude", Some.HttpError("claude", 500)), third],
            new FailoverChatClientOptions { MaxAttempts = 2 });

        var ex = Assert.ThrowsAsync<ChatFailoverException>(() => sut.GetResponseAsync(Some.Request()));

        Assert.That(third.CallCount, Is.Zero);
        Assert.That(ex!.Reason, Is.EqualTo(ChatFailoverReason.AllFailed));
        Assert.That(ex.Attempts.Select(a => a.Outcome), Is.EqualTo(new[] { ChatAttemptOutcome.Failed, ChatAttemptOutcome.Failed, ChatAttemptOutcome.Skipped }));
        Assert.That(ex.Attempts[2].SkipReason, Is.EqualTo("max-attempts"));
    }

    [Test]
    public async Task GetResponseAsync_SkippedProviders_ReachOnAttemptOnceEachInProviderOrder()
    {
        var seen = new List<ChatAttempt>();
        var health = new Health { ["grok"] = ProviderHealth.Open() };
        var sut = new FailoverChatClient(
            [TestChatProvider.Answering("grok"), TestChatProvider.Failing("claude", Some.HttpError("claude", 500)), TestChatProvider.Answering("openai")],
            new FailoverChatClientOptions { MaxAttempts = 1, HealthSource = health, OnAttempt = seen.Add });

        var ex = Assert.ThrowsAsync<ChatFailoverException>(() => sut.GetResponseAsync(Some.Request()));

        Assert.That(seen.Select(a => (a.ProviderName, a.Outcome, a.SkipReason)), Is.EqualTo(new (string, ChatAttemptOutcome, string?)[]
        {
            ("grok", ChatAttemptOutcome.Skipped, "circuit-open"),
            ("claude", ChatAttemptOutcome.Failed, null),
            ("openai", ChatAttemptOutcome.Skipped, "max-attempts"),
        }));
        Assert.That(seen.Where(a => a.Outcome == ChatAttemptOutcome.Skipped).Select(a => a.Duration), Is.All.EqualTo(TimeSpan.Zero));
        Assert.That(ex!.Attempts, Is.EqualTo(seen));
    }

    [Test]
    public async Task GetResponseAsync_SkippedProvidersDoNotCountTowardsMaxAttempts()
    {
        var health = new Health { ["grok"] = ProviderHealth.Open() };
        var sut = new FailoverChatClient(
            [TestChatProvider.Answering("grok"), TestChatProvider.Answering("claude")],
            new FailoverChatClientOptions { MaxAttempts = 1, HealthSource = health });

        var response = await sut.GetResponseAsync(Some.Request());

        Assert.That(response.ProviderName, Is.EqualTo("claude"));
    }

    [Test]
    public void ProviderHealth_GetSkipReason_FollowsStateAndTime()
    {
        var now = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        Assert.Multiple(() =>
        {
            Assert.That(ProviderHealth.Available.GetSkipReason(now), Is.Null);
            Assert.That(ProviderHealth.CoolingDownUntil(now.AddSeconds(1)).GetSkipReason(now), Is.EqualTo("cooldown"));
            Assert.That(ProviderHealth.CoolingDownUntil(now).GetSkipReason(now), Is.Null);
            Assert.That(ProviderHealth.Open().GetSkipReason(now), Is.EqualTo("circuit-open"));
            Assert.That(ProviderHealth.Open(now.AddSeconds(-1)).GetSkipReason(now), Is.Null);
            Assert.That(new ProviderHealth(ProviderHealthState.HalfOpen).GetSkipReason(now), Is.Null);
        });
    }

    private sealed class Health : Dictionary<string, ProviderHealth>, IProviderHealthSource
    {
        public ProviderHealth GetHealth(string providerName) => TryGetValue(providerName, out var health) ? health : ProviderHealth.Available;
    }
}
