using MultiModel.Failover;
using MultiModel.Redis.Tests.TestSupport;
using MultiModel.Resilience;
using MultiModel.Testing;

namespace MultiModel.Redis.Tests;

/// <summary>Circuits shared by quorum: one replica's open circuit never takes a provider away from the others; two do.</summary>
public class CircuitQuorumTests
{
    private static readonly (string, string?)[] SharedCircuits =
    [
        ("MultiModel:SharedState:Redis:ShareCircuits", "true"),
        ("MultiModel:Providers:claude:Resilience:CircuitBreaker:MinimumThroughput", "2"),
        ("MultiModel:Providers:claude:Resilience:CircuitBreaker:FailureRatio", "0.5"),
        ("MultiModel:Providers:claude:Resilience:CircuitBreaker:BreakDuration", "00:01:00"),
    ];

    [Test]
    public async Task OneReplicasOpenCircuit_OthersStillCall_TwoReplicas_EveryReplicaSkips()
    {
        await using var redis = await TestRedis.StartAsync();
        await using var emulator = await ProviderEmulator.StartAsync();
        await using var a = await Replica.StartAsync(redis, emulator, null, SharedCircuits);
        await using var b = await Replica.StartAsync(redis, emulator, null, SharedCircuits);
        await using var c = await Replica.StartAsync(redis, emulator, null, SharedCircuits);

        await BreakClaudeAsync(a, emulator);
        await Task.Delay(TimeSpan.FromSeconds(1.5)); // every message and a resynchronisation have arrived
        var beforeQuorum = await b.AskAsync();

        await BreakClaudeAsync(c, emulator);
        await Eventually.WaitAsync(() => b.Store.GetHealth("claude").State == ProviderHealthState.CircuitOpen, TimeSpan.FromSeconds(5), "B sees the quorum");
        var calls = emulator.Anthropic.RequestCount;
        var afterQuorum = await b.AskAsync();

        Assert.Multiple(() =>
        {
            Assert.That(beforeQuorum.ProviderName, Is.EqualTo("claude"), "one sick replica does not poison the fleet");
            Assert.That(afterQuorum.ProviderName, Is.EqualTo("grok"));
            Assert.That(afterQuorum.Attempts[0].SkipReason, Is.EqualTo("circuit-open"));
            Assert.That(emulator.Anthropic.RequestCount, Is.EqualTo(calls), "B sent Claude nothing once two replicas reported it open");
            Assert.That(b.Store.GetHealth("claude").IsShared, Is.True);
            Assert.That(b.Events(405), Has.Count.EqualTo(1), "the quorum's opening is logged once");
        });
    }

    [Test]
    public async Task CircuitsNotShared_EachReplicaDecidesAlone()
    {
        await using var redis = await TestRedis.StartAsync();
        await using var emulator = await ProviderEmulator.StartAsync();
        (string, string?)[] local = [.. SharedCircuits.Where(s => !s.Item1.EndsWith("ShareCircuits", StringComparison.Ordinal))];
        await using var a = await Replica.StartAsync(redis, emulator, null, local);
        await using var b = await Replica.StartAsync(redis, emulator, null, local);
        await using var c = await Replica.StartAsync(redis, emulator, null, local);

        await BreakClaudeAsync(a, emulator);
        await BreakClaudeAsync(c, emulator);
        await Task.Delay(TimeSpan.FromSeconds(1.5));

        Assert.That((await b.AskAsync()).ProviderName, Is.EqualTo("claude"));
        Assert.That((await a.AskAsync()).Attempts[0].SkipReason, Is.EqualTo("circuit-open"), "a replica's own breaker still acts for it");
    }

    /// <summary>Two failures in a row open the replica's own breaker (minimum throughput 2, ratio 0.5); Grok answers meanwhile.</summary>
    private static async Task BreakClaudeAsync(Replica replica, ProviderEmulator emulator)
    {
        emulator.Anthropic.Enqueue(EmulatorBehavior.Status(503), EmulatorBehavior.Status(503));
        for (var i = 0; i < 2; i++)
        {
            Assert.That((await replica.AskAsync()).ProviderName, Is.EqualTo("grok"));
        }

        Assert.That(replica.Store.GetHealth("claude").State, Is.EqualTo(ProviderHealthState.CircuitOpen));
    }
}
