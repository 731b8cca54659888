using System.Globalization;
using System.Net;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace MultiModel.Redis.Internal;

/// <summary>
/// Keeps the local copy and Redis in step, in the background: a bounded queue of writes (this replica's cooldowns,
/// circuit reports, lease renewals), pub/sub for what the others write, and a full resynchronisation every
/// <see cref="RedisSharedStateOptions.ResyncInterval"/> (which also writes this replica's live state again, so a Redis
/// that restarted empty converges). It watches the connection: one warning when Redis is lost, one line when it returns.
/// </summary>
internal sealed partial class SharedStateSync : IAsyncDisposable, IDisposable
{
    private const int Starting = 0, Connected = 1, Lost = 2;

    private readonly RedisHealthStore _store;
    private readonly RedisSharedStateOptions _options;
    private readonly RedisConnectionSource _connection;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly SharedStateMetrics _metrics;
    private readonly RedisKeys _keys;
    private readonly Channel<Write> _writes;
    private readonly SemaphoreSlim _wake = new(0);
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource<IConnectionMultiplexer> _multiplexer = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _started;
    private int _disposed;
    private int _state;
    private int _dropping;
    private long _leaseSequence;
    private long _lostAt;
    private Task _running = Task.CompletedTask;

    public SharedStateSync(RedisHealthStore store, RedisSharedStateOptions options, RedisConnectionSource connection, TimeProvider timeProvider, ILoggerFactory? loggerFactory, SharedStateMetrics metrics)
    {
        _store = store;
        _options = options;
        _connection = connection;
        _timeProvider = timeProvider;
        _logger = loggerFactory?.CreateLogger(SharedStateLog.Category) ?? NullLogger.Instance;
        _metrics = metrics;
        _keys = new RedisKeys(options.KeyPrefix);
        _writes = Channel.CreateBounded<Write>(new BoundedChannelOptions(options.WriteQueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    }

    /// <summary>Gets this replica's id in circuit reports and lease ids: random, carrying nothing about the host.</summary>
    public string ReplicaId { get; } = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray().AsSpan(0, 6));

    /// <summary>Gets a value indicating whether the last exchange with Redis succeeded.</summary>
    public bool IsConnected => Volatile.Read(ref _state) == Connected;

    /// <summary>Gets when Redis was lost, or <see langword="null"/> while connected.</summary>
    public DateTimeOffset? LostSince => IsConnected || Volatile.Read(ref _lostAt) == 0 ? null : new DateTimeOffset(Volatile.Read(ref _lostAt), TimeSpan.Zero);

    /// <summary>Starts the background work once: connect, subscribe, write, resynchronise.</summary>
    public void EnsureStarted()
    {
        if (Interlocked.Exchange(ref _started, 1) == 0)
        {
            _running = Task.Run(RunAsync);
        }
    }

    /// <summary>Reads the whole shared state once (waiting for the connection), for the host's start: bounded by <see cref="RedisSharedStateOptions.InitialSyncTimeout"/>.</summary>
    public async Task InitialSyncAsync(CancellationToken cancellationToken)
    {
        EnsureStarted();
        try
        {
            // Real time: this bounds how long the host's start may wait, whatever clock the state runs on.
            await SyncWhenConnectedAsync().WaitAsync(_options.InitialSyncTimeout, TimeProvider.System, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TimeoutException || (IsRedisFailure(ex) && !cancellationToken.IsCancellationRequested))
        {
            // Redis did not answer in time (or the connection could not even be made): the host starts on local state.
            _logger.InitialSyncIncomplete(_options.InitialSyncTimeout.TotalMilliseconds);
        }
    }

    /// <summary>Queues the publication of a provider's own cooldown.</summary>
    public void PublishCooldown(SharedProvider shared) => Enqueue(new Write(shared, null, null, circuit: false));

    /// <summary>Queues the publication of a provider's own circuit state.</summary>
    public void PublishCircuit(SharedProvider shared) => Enqueue(new Write(shared, null, null, circuit: true));

    /// <summary>Queues a lease renewal for each of the budget's limits that needs one (once per limit until it is done).</summary>
    public void RequestLeases(FleetBudget budget)
    {
        var allowances = budget.Allowances;
        for (var i = 0; i < allowances.Count; i++)
        {
            if (budget.TryMarkForLease(allowances[i]) && !Enqueue(new Write(null, budget, allowances[i], circuit: false)))
            {
                budget.AbandonLease(allowances[i]);
            }
        }
    }

    /// <summary>Queues the refunds a budget keeps for leases already given back.</summary>
    public void RequestRefunds(FleetBudget budget) => Enqueue(new Write(null, budget, null, circuit: false));

    /// <summary>Stops the background work and waits for it. The connection belongs to the container (or to the caller that gave it).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Stop())
        {
            await _running.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            Detach();
        }
    }

    /// <summary>Stops the background work without waiting for it (a container disposed synchronously).</summary>
    public void Dispose()
    {
        if (Stop())
        {
            Detach();
        }
    }

    private bool Stop()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return false;
        }

        _stopping.Cancel();
        _writes.Writer.TryComplete();
        return true;
    }

    private void Detach()
    {
        if (_multiplexer.Task.IsCompletedSuccessfully)
        {
            var multiplexer = _multiplexer.Task.Result;
            multiplexer.ConnectionFailed -= OnConnectionFailed;
            multiplexer.ConnectionRestored -= OnConnectionRestored;
            multiplexer.GetSubscriber().Unsubscribe(_keys.Events, null, CommandFlags.FireAndForget);
        }
    }

    private bool Enqueue(Write write)
    {
        if (_writes.Writer.TryWrite(write))
        {
            Volatile.Write(ref _dropping, 0);
            return true;
        }

        _metrics.Record(SharedStateMetrics.WriteDropped);
        if (Interlocked.Exchange(ref _dropping, 1) == 0)
        {
            _logger.WritesDropped(_options.WriteQueueCapacity);
        }

        return false;
    }

    /// <summary>One queued write: a provider's cooldown or circuit, or a budget's lease renewal.</summary>
    private sealed class Write(SharedProvider? shared, FleetBudget? budget, LeasedAllowance? allowance, bool circuit)
    {
        public SharedProvider? Shared { get; } = shared;

        public FleetBudget? Budget { get; } = budget;

        public LeasedAllowance? Allowance { get; } = allowance;

        public bool Circuit { get; } = circuit;
    }
}
