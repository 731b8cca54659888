using System.Collections.Concurrent;
using MultiModel.Redis.Tests.TestSupport;
using MultiModel.Testing;

namespace MultiModel.Redis.Tests;

/// <summary>Rate budgets that hold for the fleet: three replicas of sixteen callers each never make the provider exceed its limit.</summary>
public class FleetBudgetTests
{
    private const int Replicas = 3;
    private const int CallersPerReplica = 16;
    private const int CallsPerCaller = 4;

    [Test]
    public async Task RequestsPerMinute_ThreeReplicasOfSixteenCallers_ProviderSeesAtMostTheLimit_RestFailOver()
    {
        const int Limit = 60;
        await using var redis = await TestRedis.StartAsync();
        await using var emulator = await ProviderEmulator.StartAsync();
        var replicas = await StartReplicasAsync(redis, emulator, ("MultiModel:Providers:claude:RateLimit:RequestsPerMinute", "60"));

        var answers = await CallEverywhereAsync(replicas, maxOutputTokens: null, pause: TimeSpan.FromMilliseconds(20));

        var byClaude = answers.Count(a => a.ProviderName == "claude");
        var skipped = answers.Where(a => a.ProviderName == "grok").ToList();
        TestContext.Out.WriteLine($"Claude answered {byClaude} of {answers.Count} calls (limit {Limit}); the others failed over.");
        Assert.Multiple(() =>
        {
            Assert.That(answers, Has.Count.EqualTo(Replicas * CallersPerReplica * CallsPerCaller), "every call was answered");
            Assert.That(emulator.Anthropic.RequestCount, Is.LessThanOrEqualTo(Limit), "the fleet kept to 60 requests in the minute");
            Assert.That(emulator.Anthropic.RequestCount, Is.EqualTo(byClaude));
            Assert.That(byClaude, Is.GreaterThanOrEqualTo(Limit / 3), "the leases gave the callers much of the budget, not just a trickle");
            Assert.That(skipped.Select(a => a.Attempts[0].SkipReason), Is.All.EqualTo("rate budget: 60 requests per minute across replicas"));
        });
        await DisposeAllAsync(replicas);
    }

    [Test]
    public async Task TokensPerMinute_ThreeReplicasOfSixteenCallers_ReportedUsageStaysWithinTheLimit()
    {
        const int Limit = 3000;
        await using var redis = await TestRedis.StartAsync();
        await using var emulator = await ProviderEmulator.StartAsync();
        var replicas = await StartReplicasAsync(redis, emulator, ("MultiModel:Providers:claude:RateLimit:TokensPerMinute", "3000"));

        var answers = await CallEverywhereAsync(replicas, maxOutputTokens: 100, pause: TimeSpan.FromMilliseconds(300));

        var byClaude = answers.Where(a => a.ProviderName == "claude").ToList();
        var used = byClaude.Sum(a => a.Usage!.TotalTokens);
        TestContext.Out.WriteLine($"Claude answered {byClaude.Count} of {answers.Count} calls with {used} tokens reported (limit {Limit}).");
        Assert.Multiple(() =>
        {
            Assert.That(answers, Has.Count.EqualTo(Replicas * CallersPerReplica * CallsPerCaller));
            Assert.That(used, Is.LessThanOrEqualTo(Limit), "the tokens Claude reported stay within 3000 in the minute");
            Assert.That(emulator.Anthropic.RequestCount, Is.EqualTo(byClaude.Count));
            Assert.That(byClaude, Has.Count.GreaterThan(Limit / 110), "reservations (~110 each) were corrected with the usage reported (~16), so more calls fit");
            Assert.That(answers.Where(a => a.ProviderName == "grok").Select(a => a.Attempts[0].SkipReason), Has.All.Contains("tokens per minute across replicas"));
        });
        await DisposeAllAsync(replicas);
    }

    private static async Task<List<Replica>> StartReplicasAsync(TestRedis redis, ProviderEmulator emulator, (string, string?) limit)
    {
        var replicas = new List<Replica>();
        for (var i = 0; i < Replicas; i++)
        {
            replicas.Add(await Replica.StartAsync(redis, emulator, null, limit));
        }

        return replicas;
    }

    private static async Task<List<ChatResponse>> CallEverywhereAsync(List<Replica> replicas, int? maxOutputTokens, TimeSpan pause)
    {
        var answers = new ConcurrentBag<ChatResponse>();
        await Task.WhenAll(replicas.SelectMany(replica => Enumerable.Range(0, CallersPerReplica).Select(async caller =>
        {
            for (var i = 0; i < CallsPerCaller; i++)
            {
                answers.Add(await replica.AskAsync($"Telemetry batch {caller}-{i}: status?", maxOutputTokens));
                await Task.Delay(pause);
            }
        })));
        return [.. answers];
    }

    private static async Task DisposeAllAsync(List<Replica> replicas)
    {
        foreach (var replica in replicas)
        {
            await replica.DisposeAsync();
        }
    }
}
