using StackExchange.Redis;

namespace MultiModel.Redis.Internal;

/// <content>The background loops: connect and subscribe, resynchronise every interval (or at once after an outage), and write what was queued.</content>
internal sealed partial class SharedStateSync
{
    private async Task RunAsync()
    {
        var stopping = _stopping.Token;
        IConnectionMultiplexer multiplexer;
        try
        {
            // Stopping ends the wait, not the connection attempt (the connection source disposes a connection made late).
            multiplexer = await _connection.ConnectAsync().WaitAsync(stopping).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            if (!stopping.IsCancellationRequested)
            {
                MarkLost(ex.GetType().Name, null);
            }

            _multiplexer.TrySetException(ex);
            return;
        }

        multiplexer.ConnectionFailed += OnConnectionFailed;
        multiplexer.ConnectionRestored += OnConnectionRestored;
        _multiplexer.TrySetResult(multiplexer);
        var writer = WriteLoopAsync(multiplexer, stopping);
        var subscribed = false;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                if (!subscribed)
                {
                    await multiplexer.GetSubscriber().SubscribeAsync(_keys.Events, (_, message) => OnMessage(message)).ConfigureAwait(false);
                    subscribed = true;
                }

                await ResyncAsync(multiplexer.GetDatabase()).ConfigureAwait(false);
                MarkConnected(multiplexer);
            }
            catch (Exception ex) when (IsRedisFailure(ex) && !stopping.IsCancellationRequested)
            {
                MarkLost(ex.GetType().Name, multiplexer);
            }

            try
            {
                // Real time paces the background work; the state's own times follow the configured clock.
                await Task.WhenAny(Task.Delay(_options.ResyncInterval, TimeProvider.System, stopping), _wake.WaitAsync(stopping)).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        await writer.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task SyncWhenConnectedAsync()
    {
        var multiplexer = await _multiplexer.Task.ConfigureAwait(false);
        while (true)
        {
            try
            {
                if (multiplexer.IsConnected)
                {
                    await ResyncAsync(multiplexer.GetDatabase()).ConfigureAwait(false);
                    MarkConnected(multiplexer);
                    if (_store.Budgets.All(static budget => budget.HasLeased))
                    {
                        return; // a renewal of the background pass may still be on its way: then wait for it
                    }
                }
            }
            catch (Exception ex) when (IsRedisFailure(ex))
            {
                MarkLost(ex.GetType().Name, multiplexer);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), TimeProvider.System, _stopping.Token).ConfigureAwait(false);
        }
    }

    private async Task WriteLoopAsync(IConnectionMultiplexer multiplexer, CancellationToken stopping)
    {
        try
        {
            await foreach (var write in _writes.Reader.ReadAllAsync(stopping).ConfigureAwait(false))
            {
                try
                {
                    await ExecuteAsync(multiplexer.GetDatabase(), write).ConfigureAwait(false);
                    MarkConnected(multiplexer);
                }
                catch (Exception ex) when (IsRedisFailure(ex))
                {
                    // Nothing is lost: the local copy keeps the state, and the next resynchronisation writes it again.
                    if (write is { Budget: { } budget, Allowance: { } allowance })
                    {
                        budget.AbandonLease(allowance);
                    }

                    MarkLost(ex.GetType().Name, multiplexer);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    private Task ExecuteAsync(IDatabaseAsync database, Write write) => write switch
    {
        { Budget: { } budget, Allowance: null } => RefundAsync(database, budget),
        { Budget: { } budget } => LeaseAsync(database, budget, write.Allowance!),
        { Circuit: true } => WriteCircuitAsync(database, write.Shared!),
        _ => WriteCooldownAsync(database, write.Shared!),
    };
}
