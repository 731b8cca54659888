using System.Collections.Concurrent;
using System.Text;
using MultiModel.Redis.Tests.TestSupport;
using MultiModel.Resilience;
using MultiModel.Testing;
using StackExchange.Redis;

namespace MultiModel.Redis.Tests;

/// <summary>Nothing secret or private reaches Redis: not the API keys, not an address, not a prompt or an answer; keys carry identities' hashes.</summary>
public class SecretLeakTests
{
    private const string Prompt = "Summarise pass 7734 of the orbital telemetry: battery bus B at 27.4 V.";
    private const string Answer = "STATUS: NOMINAL. The bus voltages hold at the expected levels.";
    private const string Secret = "per-deployment-secret-0123456789";

    [Test]
    public async Task EverySharedStateWrite_KeyspaceAndPubSubTraffic_HoldNoKeyAddressPromptOrAnswer()
    {
        await using var redis = await TestRedis.StartAsync();
        await using var emulator = await ProviderEmulator.StartAsync(new ProviderEmulatorOptions { DefaultAnswer = Answer });
        await using var observer = await redis.ConnectAsync();
        var traffic = new ConcurrentQueue<string>();
        await observer.GetSubscriber().SubscribeAsync(RedisChannel.Pattern(redis.KeyPrefix + ":*"), (channel, message) => traffic.Enqueue($"{channel} {message}"));
        (string, string?)[] everything =
        [
            ("MultiModel:SharedState:Redis:ShareCircuits", "true"),
            ("MultiModel:SharedState:Redis:IdentitySecret", Secret),
            ("MultiModel:Providers:claude:RateLimit:RequestsPerMinute", "100"),
            ("MultiModel:Providers:claude:RateLimit:TokensPerMinute", "100000"),
            ("MultiModel:Providers:claude:Resilience:CircuitBreaker:MinimumThroughput", "2"),
        ];
        await using var a = await Replica.StartAsync(redis, emulator, null, everything);
        await using var b = await Replica.StartAsync(redis, emulator, null, everything);

        // Every kind of write: leases and refunds, a circuit report, a cooldown; then a resynchronisation.
        for (var i = 0; i < 3; i++)
        {
            Assert.That((await a.AskAsync(Prompt, 200)).ProviderName, Is.EqualTo("claude"));
        }

        emulator.Anthropic.Enqueue(EmulatorBehavior.Status(503), EmulatorBehavior.Status(503), EmulatorBehavior.RateLimited(TimeSpan.FromSeconds(60)));
        await b.AskAsync(Prompt);
        await b.AskAsync(Prompt);
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        a.Store.ReportCooldown("claude", DateTimeOffset.UtcNow.AddMinutes(1));
        await Task.Delay(TimeSpan.FromSeconds(1.5));

        var stored = await DumpAsync(observer, redis);
        var all = string.Join("\n", stored.Concat(traffic));
        var identity = ProviderIdentity.Create(emulator.AnthropicBaseUrl, "claude-sonnet-4-5", emulator.Anthropic.ApiKey);
        TestContext.Out.WriteLine(all);

        Assert.Multiple(() =>
        {
            Assert.That(stored, Has.Some.Contains(":budget:").And.Some.Contains(":circuit:").And.Some.Contains(":cooldown:"), "every kind of state was written");
            Assert.That(traffic, Has.Some.StartsWith($"{redis.KeyPrefix}:events cooldown").And.Some.StartsWith($"{redis.KeyPrefix}:events circuit"));
            Assert.That(all, Does.Not.Contain(emulator.Anthropic.ApiKey).And.Not.Contain(emulator.Xai.ApiKey));
            Assert.That(all, Does.Not.Contain(Secret));
            Assert.That(all, Does.Not.Contain(emulator.AnthropicBaseUrl.Authority).And.Not.Contain("127.0.0.1"));
            Assert.That(all, Does.Not.Contain("pass 7734").And.Not.Contain("NOMINAL"));
            Assert.That(all, Does.Contain(identity.ToKey(Encoding.UTF8.GetBytes(Secret))), "keys carry the HMAC of the identity under the deployment secret");
            Assert.That(all, Does.Not.Contain(identity.ToKey([])), "not the plain hash");
        });
    }

    /// <summary>Lists every key of the test's prefix with its whole value, whatever its type.</summary>
    private static async Task<List<string>> DumpAsync(ConnectionMultiplexer observer, TestRedis redis)
    {
        var database = observer.GetDatabase();
        var lines = new List<string>();
        var server = observer.GetServer(observer.GetEndPoints()[0]);
        await foreach (var key in server.KeysAsync(pattern: redis.KeyPrefix + ":*"))
        {
            var type = await database.KeyTypeAsync(key);
            var value = type switch
            {
                RedisType.String => (string?)await database.StringGetAsync(key),
                RedisType.Hash => string.Join(",", (await database.HashGetAllAsync(key)).Select(e => $"{e.Name}={e.Value}")),
                RedisType.SortedSet => string.Join(",", (await database.SortedSetRangeByRankWithScoresAsync(key)).Select(e => $"{e.Element}={e.Score}")),
                _ => $"({type})",
            };
            lines.Add($"{key} = {value}");
        }

        return lines;
    }
}
