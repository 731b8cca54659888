using StackExchange.Redis;

namespace MultiModel.Redis.Internal;

/// <summary>Gives the shared state its connection: one it creates from <see cref="RedisSharedStateOptions.Configuration"/> (and disposes), or the caller's (never disposed here).</summary>
internal sealed class RedisConnectionSource : IAsyncDisposable, IDisposable
{
    private readonly IConnectionMultiplexer? _given;
    private readonly string? _configuration;
    private ConnectionMultiplexer? _owned;

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

        if (_owned is null)
        {
            var options = ConfigurationOptions.Parse(_configuration!);
            options.AbortOnConnectFail = false;            // start while Redis is down; reconnect when it comes
            options.BacklogPolicy = BacklogPolicy.FailFast; // while down, background commands fail at once instead of queueing
            options.ReconnectRetryPolicy = new LinearRetry(250);
            options.ClientName ??= "multimodel";
            _owned = await ConnectionMultiplexer.ConnectAsync(options).ConfigureAwait(false);
        }

        return _owned;
    }

    public void Dispose() => _owned?.Dispose();

    public async ValueTask DisposeAsync()
    {
        if (_owned is not null)
        {
            await _owned.DisposeAsync().ConfigureAwait(false);
        }
    }
}
