using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace MultiModel.Redis.Internal;

/// <content>The connection's state: one warning when Redis is lost, one line when it returns, and a resynchronisation then.</content>
internal sealed partial class SharedStateSync
{
    private void OnConnectionFailed(object? sender, ConnectionFailedEventArgs e) => MarkLost(e.FailureType.ToString(), sender as IConnectionMultiplexer);

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        if (Volatile.Read(ref _state) == Lost && _wake.CurrentCount == 0)
        {
            _wake.Release(); // resynchronise now: read what changed, write again what Redis may have lost
        }
    }

    private void MarkLost(string reason, IConnectionMultiplexer? multiplexer)
    {
        if (Interlocked.Exchange(ref _state, Lost) != Lost)
        {
            Volatile.Write(ref _lostAt, _timeProvider.GetUtcNow().UtcTicks);
            _metrics.Record(SharedStateMetrics.RedisLost);
            if (_logger.IsEnabled(LogLevel.Warning))
            {
                _logger.Lost(Endpoints(multiplexer), reason);
            }
        }
    }

    private void MarkConnected(IConnectionMultiplexer multiplexer)
    {
        if (!multiplexer.IsConnected)
        {
            return; // a reply that was on its way when the connection failed: Redis is not back for all that
        }

        var previous = Interlocked.Exchange(ref _state, Connected);
        if (previous == Starting && _logger.IsEnabled(LogLevel.Information))
        {
            _logger.Connected(Endpoints(multiplexer), _options.KeyPrefix, ReplicaId);
        }
        else if (previous == Lost)
        {
            var outage = _timeProvider.GetUtcNow() - new DateTimeOffset(Volatile.Read(ref _lostAt), TimeSpan.Zero);
            _metrics.Record(SharedStateMetrics.RedisRestored);
            if (_logger.IsEnabled(LogLevel.Information))
            {
                _logger.Restored(Endpoints(multiplexer), Math.Round(outage.TotalSeconds, 1));
            }

            if (_wake.CurrentCount == 0)
            {
                _wake.Release();
            }
        }
    }

    private static bool IsRedisFailure(Exception ex) => ex is RedisException or TimeoutException or ObjectDisposedException or InvalidOperationException;

    private static string Endpoints(IConnectionMultiplexer? multiplexer) => multiplexer is null
        ? "(not connected)"
        : string.Join(",", multiplexer.GetEndPoints().Select(static endpoint => endpoint switch
        {
            IPEndPoint ip => string.Create(CultureInfo.InvariantCulture, $"{ip.Address}:{ip.Port}"),
            DnsEndPoint dns => string.Create(CultureInfo.InvariantCulture, $"{dns.Host}:{dns.Port}"),
            _ => endpoint.GetType().Name,
        }));
}
