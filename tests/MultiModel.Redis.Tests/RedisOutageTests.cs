using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using MultiModel.Failover;
using MultiModel.Redis.Tests.TestSupport;
using MultiModel.Resilience;
using MultiModel.Testing;

namespace MultiModel.Redis.Tests;

/// <summary>Redis is never on the critical path: stopped mid-run, calls go on; restarted, sharing resumes and the state converges.</summary>
public class RedisOutageTests
{
    [Test]
    public async Task RedisStoppedMidRun_NoCallFails_OneWarning_Degraded_ThenRestarted_StateConvergesWithinTheStalenessBound()
    {
        await using var redis = await TestRedis.StartAsync();
        await using var emulator = await ProviderEmulator.StartAsync();
        (string, string?) budget = ("MultiModel:Providers:claude:RateLimit:RequestsPerMinute", "100000"); // room for the run: its share while Redis is gone
        await using var a = await Replica.StartAsync(redis, emulator, null, budget);
        await using var b = await Replica.StartAsync(redis, emulator, null, budget);
        var (calls, failures) = (0, 0);
        using var stop = new CancellationTokenSource();
        var load = Task.WhenAll(new[] { a, b }.Select(replica => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    await replica.AskAsync();
                    Interlocked.Increment(ref calls);
                }
                catch (Exception)
                {
                    Interlocked.Increment(ref failures);
                }

                await Task.Delay(5);
            }
        })));

        await Task.Delay(300);
        await redis.StopAsync();
        await Eventually.WaitAsync(() => !IsHealthy(a) && !IsHealthy(b), TimeSpan.FromSeconds(5), "both replicas notice the outage");
        var duringOutage = (await a.SharedStateHealthAsync()).Status;
        await Task.Delay(TimeSpan.FromSeconds(4)); // past a lease's life: the budget runs on this replica's share
        await stop.CancelAsync();
        await load;

        // During the outage A learns a cooldown from Claude; B cannot know it yet.
        emulator.Anthropic.Enqueue(EmulatorBehavior.RateLimited(TimeSpan.FromSeconds(60)));
        Assert.That((await a.AskAsync()).Attempts[0].StatusCode, Is.EqualTo(429));
        Assert.That(b.Store.GetHealth("claude").State, Is.EqualTo(ProviderHealthState.Available));

        await redis.StartAgainAsync();
        var reconnected = await Eventually.WaitAsync(() => IsHealthy(a) && IsHealthy(b), TimeSpan.FromSeconds(10), "both replicas reconnect");
        var converged = await Eventually.WaitAsync(() => b.Store.GetHealth("claude").State == ProviderHealthState.CoolingDown, TimeSpan.FromSeconds(5), "B learns A's cooldown");
        TestContext.Out.WriteLine($"{calls} calls during the run, {failures} failed; reconnected after {reconnected.TotalMilliseconds:0} ms, B in step {converged.TotalMilliseconds:0} ms later.");

        Assert.Multiple(() =>
        {
            Assert.That(failures, Is.Zero, "no call failed because Redis was gone");
            Assert.That(calls, Is.GreaterThan(20));
            Assert.That(duringOutage, Is.EqualTo(HealthStatus.Degraded));
            Assert.That(a.Events(401), Has.Count.EqualTo(1), "one warning per outage, not per call");
            Assert.That(b.Events(401), Has.Count.EqualTo(1));
            Assert.That(a.Events(402), Has.Count.EqualTo(1));
            Assert.That(converged, Is.LessThanOrEqualTo(TimeSpan.FromSeconds(3)), "within the resynchronisation interval (1 s) once reconnected, with 2 s of slack for a busy machine");
        });
    }

    [Test]
    public async Task RedisDownAtStart_HostStartsWithinTheBound_AndSharesOnceItComes()
    {
        await using var redis = await TestRedis.StartAsync();
        await redis.StopAsync();
        await using var emulator = await ProviderEmulator.StartAsync();
        var started = TimeProvider.System.GetTimestamp();
        await using var a = await Replica.StartAsync(redis, emulator, null, ("MultiModel:SharedState:Redis:InitialSyncTimeout", "00:00:01"));
        var startup = TimeProvider.System.GetElapsedTime(started);

        var answer = await a.AskAsync();
        var degraded = (await a.SharedStateHealthAsync()).Status;
        await redis.StartAgainAsync();
        await using var b = await Replica.StartAsync(redis, emulator);
        await Eventually.WaitAsync(() => IsHealthy(a), TimeSpan.FromSeconds(10), "A connects once Redis comes");
        b.Store.ReportCooldown("claude", DateTimeOffset.UtcNow.AddMinutes(1));
        await Eventually.WaitAsync(() => a.Store.GetHealth("claude").State == ProviderHealthState.CoolingDown, TimeSpan.FromSeconds(5), "A learns B's cooldown");

        Assert.That(startup, Is.LessThan(TimeSpan.FromSeconds(4)), "the start waited at most InitialSyncTimeout (1 s) for Redis, plus the host's own start");
        Assert.That(answer.ProviderName, Is.EqualTo("claude"));
        Assert.That(degraded, Is.EqualTo(HealthStatus.Degraded));
        Assert.That(a.Events(409), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task RedisSilentAtStart_HostStoppedAtOnce_IsDisposedWithoutWaitingForTheConnection()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0); // takes connections and never answers: the client's handshake waits
        silent.Start();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["MultiModel:Order:0"] = "grok",
            ["MultiModel:Providers:grok:Kind"] = "Grok",
            ["MultiModel:Providers:grok:BaseUrl"] = "http://127.0.0.1:9/v1",
            ["MultiModel:SharedState:Redis:Configuration"] = silent.LocalEndpoint.ToString(),
            ["MultiModel:SharedState:Redis:InitialSyncTimeout"] = "00:00:00",
        });
        builder.Services.AddMultiModel().AddRedisSharedState();
        var host = builder.Build();
        await host.StartAsync();
        await host.StopAsync();

        var disposing = TimeProvider.System.GetTimestamp();
        await ((IAsyncDisposable)host).DisposeAsync();

        Assert.That(TimeProvider.System.GetElapsedTime(disposing), Is.LessThan(TimeSpan.FromSeconds(3)), "the client waits 5 s or more for a handshake: disposal must not wait for it");
    }

    private static bool IsHealthy(Replica replica) => replica.SharedStateHealthAsync().GetAwaiter().GetResult().Status == HealthStatus.Healthy;
}
