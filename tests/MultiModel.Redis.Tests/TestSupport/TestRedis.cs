using System.Net;
using Garnet;
using StackExchange.Redis;

namespace MultiModel.Redis.Tests.TestSupport;

/// <summary>
/// A real Redis-compatible server for one test: an embedded Garnet on a free loopback port, or, when
/// <see cref="EndpointVariable"/> names one (CI: a real redis-server), that server behind a loopback proxy.
/// Either can be stopped and started again: Garnet really restarts (empty, script cache flushed); the external server's
/// proxy drops every connection and the test's keys are deleted, which is what a restart looks like to a client.
/// </summary>
internal sealed class TestRedis : IAsyncDisposable
{
    /// <summary>The environment variable that names an external server (host:port) to run against instead of Garnet.</summary>
    public const string EndpointVariable = "MULTIMODEL_REDIS_ENDPOINT";

    private readonly IPEndPoint? _external;
    private GarnetServer? _garnet;
    private LoopbackProxy? _proxy;

    private TestRedis(int port, IPEndPoint? external)
    {
        Port = port;
        _external = external;
        KeyPrefix = "t" + Guid.NewGuid().ToString("N")[..12];
    }

    /// <summary>Gets the loopback port replicas connect to.</summary>
    public int Port { get; }

    /// <summary>Gets the key prefix of this test: tests share an external server without seeing each other's keys.</summary>
    public string KeyPrefix { get; }

    public string Configuration => $"127.0.0.1:{Port}";

    public bool IsExternal => _external is not null;

    public static async Task<TestRedis> StartAsync()
    {
        var external = Environment.GetEnvironmentVariable(EndpointVariable) is { Length: > 0 } text ? IPEndPoint.Parse(text) : null;
        var server = new TestRedis(EmbeddedGarnet.FreePort(), external);
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>Connects a client of the test's own (to read the keyspace, watch the channels).</summary>
    public Task<ConnectionMultiplexer> ConnectAsync() =>
        ConnectionMultiplexer.ConnectAsync(new ConfigurationOptions { EndPoints = { Configuration }, AbortOnConnectFail = false, ClientName = "test-observer" });

    /// <summary>Waits until a key of this test matching <paramref name="pattern"/> (after the prefix) exists: a write of the background queue has landed.</summary>
    public async Task WaitForKeyAsync(string pattern)
    {
        await using var observer = await ConnectAsync();
        var server = observer.GetServer(observer.GetEndPoints()[0]);
        await Eventually.WaitAsync(() => server.Keys(pattern: $"{KeyPrefix}:{pattern}").Any(), TimeSpan.FromSeconds(5), $"a key {pattern} is written");
    }

    /// <summary>Stops the server: every connection drops, and its data is gone.</summary>
    public async Task StopAsync()
    {
        if (_external is null)
        {
            Interlocked.Exchange(ref _garnet, null)?.Dispose();
            return;
        }

        Interlocked.Exchange(ref _proxy, null)?.Dispose();
        await using var direct = await ConnectionMultiplexer.ConnectAsync(new ConfigurationOptions { EndPoints = { _external } });
        var server = direct.GetServer(_external);
        await foreach (var key in server.KeysAsync(pattern: KeyPrefix + ":*"))
        {
            await direct.GetDatabase().KeyDeleteAsync(key);
        }
    }

    /// <summary>Starts the server (again) on the same port.</summary>
    public Task StartAgainAsync()
    {
        if (_external is not null)
        {
            _proxy = new LoopbackProxy(Port, _external);
            return Task.CompletedTask;
        }

        var garnet = EmbeddedGarnet.Start(Port);
        _garnet = garnet;
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
