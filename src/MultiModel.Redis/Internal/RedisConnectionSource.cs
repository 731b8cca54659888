using StackExchange.Redis;

namespace MultiModel.Redis.Internal;

/// <summary>Gives the shared state its connection: one it creates from <see cref="RedisSharedStateOptions.Configuration"/> (and disposes), or the caller's (never disposed here).</summary>
internal sealed class RedisConnectionSource : IAsyncDisposable, IDisposable
{
    private readonly IConnectionMultiplexer? _given;
    private readonly string? _configuration;
    private readonly Lock _gate = new();
    private Task<ConnectionMultiplexer>? _owned;
    private bool _disposed;

    public RedisConnectionSource(IConnectionMultiplexer given)
    {
        _given = given;
    }

    public RedisConnectionSource(string configuration)
    {
        _configuration = configuration;
    }

    /// <summary>Connects (once). A server that is down does not fail this: the connection keeps retrying in the background.</summary>
    public async Task<IConnectionMultiplexer> ConnectAsync()
    {
        if (_given is not null)
        {
            return _given;
        }

        Task<ConnectionMultiplexer> owned;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            owned = _owned ??= Connect(_configuration!);
        }

        return await owned.ConfigureAwait(false);
    }

    public void Dispose() => Release()?.Dispose();

    public async ValueTask DisposeAsync()
    {
        if (Release() is { } owned)
        {
            await owned.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static Task<ConnectionMultiplexer> Connect(string configuration)
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;            // start while Redis is down; reconnect when it comes
        options.BacklogPolicy = BacklogPolicy.FailFast; // while down, background commands fail at once instead of queueing
        options.ReconnectRetryPolicy = new LinearRetry(250);
        options.ClientName ??= "multimodel";
        return ConnectionMultiplexer.ConnectAsync(options);
    }

    /// <summary>Marks the source disposed and gives the connection to dispose now; one still being made is disposed once it is.</summary>
    private ConnectionMultiplexer? Release()
    {
        Task<ConnectionMultiplexer>? owned;
        lock (_gate)
        {
            (owned, _disposed) = (_disposed ? null : _owned, true);
        }

        if (owned is null || owned.IsCompletedSuccessfully)
        {
            return owned?.Result;
        }

        // Still connecting (Redis down at start, the host stopped at once): the container's disposal does not wait for it.
        _ = owned.ContinueWith(static task => task.Result.Dispose(), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
        return null;
    }
}
