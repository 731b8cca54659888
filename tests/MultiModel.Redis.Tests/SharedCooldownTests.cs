using Microsoft.Extensions.Time.Testing;
using MultiModel.Failover;
using MultiModel.Redis.Tests.TestSupport;
using MultiModel.Resilience;
using MultiModel.Testing;

namespace MultiModel.Redis.Tests;

/// <summary>Cooldowns a provider's server declared, shared by every replica with the same provider identity.</summary>
public class SharedCooldownTests
{
    [Test]
    public async Task ReplicaStartedAfterA429_SendsClaudeNothing_AndTheCooldownEndsOnTimeForBoth()
    {
        await using var redis = await TestRedis.StartAsync();
        await using var emulator = await ProviderEmulator.StartAsync();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var a = await Replica.StartAsync(redis, emulator, time);
        emulator.Anthropic.Enqueue(EmulatorBehavior.RateLimited(TimeSpan.FromSeconds(30)));

        var first = await a.AskAsync();
        await redis.WaitForKeyAsync("cooldown:*"); // A's write (background) has landed: B starts afterwards
        await using var b = await Replica.StartAsync(redis, emulator, time);
        var fromB = await b.AskAsync();

        Assert.Multiple(() =>
        {
            Assert.That(first.ProviderName, Is.EqualTo("grok"));
            Assert.That(first.Attempts[0].StatusCode, Is.EqualTo(429));
            Assert.That(fromB.ProviderName, Is.EqualTo("grok"));
            Assert.That(fromB.Attempts[0].SkipReason, Is.EqualTo("cooldown"));
            Assert.That(emulator.Anthropic.RequestCount, Is.EqualTo(1), "B learned the cooldown before its first call.");
            Assert.That(b.Store.GetHealth("claude").IsShared, Is.True);
            Assert.That(b.Events(404), Has.Count.EqualTo(1), "B logs the cooldown it received.");
        });

        time.Advance(TimeSpan.FromSeconds(29));
        var stillA = await a.AskAsync();
        var stillB = await b.AskAsync();
        time.Advance(TimeSpan.FromSeconds(1));
        var afterA = await a.AskAsync();
        var afterB = await b.AskAsync();

        Assert.That(new[] { stillA, stillB }.Select(r => r.ProviderName), Is.All.EqualTo("grok"));
        Assert.That(new[] { afterA, afterB }.Select(r => r.ProviderName), Is.All.EqualTo("claude"));
        Assert.That(emulator.Anthropic.RequestCount, Is.EqualTo(3));
    }

    [Test]
    public async Task LaterDeadlineExtends_EarlierOneNeverShortens_OnEveryReplica()
    {
        await using var redis = await TestRedis.StartAsync();
        await using var emulator = await ProviderEmulator.StartAsync();
        await using var a = await Replica.StartAsync(redis, emulator);
        await using var b = await Replica.StartAsync(redis, emulator);
        // Redis keeps milliseconds: a deadline read back is the reported one, to the millisecond.
        var now = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());

        a.Store.ReportCooldown("claude", now.AddSeconds(60));
        await Eventually.WaitAsync(() => b.Store.GetHealth("claude").Until >= now.AddSeconds(60), TimeSpan.FromSeconds(5), "B learns A's 60 s cooldown");
        b.Store.ReportCooldown("claude", now.AddSeconds(10));
        await Task.Delay(TimeSpan.FromSeconds(1.5)); // a resynchronisation and any message have come and gone

        Assert.That(a.Store.GetHealth("claude").Until, Is.EqualTo(now.AddSeconds(60)).Within(TimeSpan.FromMilliseconds(1)));
        Assert.That(b.Store.GetHealth("claude").Until, Is.EqualTo(now.AddSeconds(60)).Within(TimeSpan.FromMilliseconds(1)));
        await using var observer = await redis.ConnectAsync();
        var stored = (long)await observer.GetDatabase().StringGetAsync($"{redis.KeyPrefix}:cooldown:{SharedKeys.Identity(emulator)}");
        Assert.That(stored, Is.EqualTo(now.AddSeconds(60).ToUnixTimeMilliseconds()));

        b.Store.ReportCooldown("claude", now.AddSeconds(90));
        await Eventually.WaitAsync(() => a.Store.GetHealth("claude").Until >= now.AddSeconds(90), TimeSpan.FromSeconds(5), "A learns B's longer cooldown");
        Assert.That(a.Store.GetHealth("claude").State, Is.EqualTo(ProviderHealthState.CoolingDown));
    }
}
