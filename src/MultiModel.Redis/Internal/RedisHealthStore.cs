using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;
using MultiModel.Resilience;

namespace MultiModel.Redis.Internal;

/// <summary>
/// The <see cref="IProviderHealthStore"/> shared across replicas: calls read and spend a local copy (never the network),
/// and <see cref="SharedStateSync"/> keeps that copy and Redis in step in the background.
/// </summary>
/// <remarks>
/// <para>
/// This replica's own reports (its breaker, the cooldowns its servers asked for) live in a local in-memory store and act
/// at once; what the fleet shares about the same provider identity is combined with them when health is read. Providers
/// without an identity (custom providers) keep everything local, budgets included.
/// </para>
/// <para>
/// While Redis is unreachable, a budget whose lease ran out falls back to this replica's share of the limit (the limit
/// divided by the replicas last seen holding leases), so calls go on and the fleet stays near the limit.
/// </para>
/// </remarks>
internal sealed class RedisHealthStore : IProviderHealthStore, IAsyncDisposable, IDisposable
{
    private readonly ConcurrentDictionary<string, Registration> _registrations = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, SharedProvider> _shared = new(StringComparer.Ordinal);
    private readonly InMemoryProviderHealthStore _local;
    private readonly InMemoryProviderHealthStore _fallback;
    private readonly byte[] _secret;
    private readonly TimeProvider _timeProvider;
    private readonly RedisSharedStateOptions _options;

    public RedisHealthStore(RedisSharedStateOptions options, RedisConnectionSource connection, TimeProvider timeProvider, ILoggerFactory? loggerFactory, SharedStateMetrics metrics)
    {
        _options = options;
        _timeProvider = timeProvider;
        _local = new InMemoryProviderHealthStore(timeProvider);
        _fallback = new InMemoryProviderHealthStore(timeProvider);
        _secret = string.IsNullOrEmpty(options.IdentitySecret) ? [] : Encoding.UTF8.GetBytes(options.IdentitySecret);
        Sync = new SharedStateSync(this, options, connection, timeProvider, loggerFactory, metrics);
    }

    public SharedStateSync Sync { get; }

    public RedisSharedStateOptions Options => _options;

    public IEnumerable<SharedProvider> SharedProviders => _shared.Values;

    public IEnumerable<FleetBudget> Budgets => _registrations.Values.Select(r => r.Budget).OfType<FleetBudget>();

    /// <summary>Gets how many providers share their state (those with an identity).</summary>
    public int SharedCount => _shared.Count;

    public SharedProvider? Find(string identity) => _shared.GetValueOrDefault(identity);

    /// <inheritdoc/>
    public void Register(string providerName, ProviderIdentity? identity, ProviderRateLimitOptions rateLimit)
    {
        ArgumentNullException.ThrowIfNull(providerName);
        ArgumentNullException.ThrowIfNull(rateLimit);
        _fallback.Register(providerName, null, rateLimit); // validates; replaced by this replica's share when Redis is gone
        var key = identity?.ToKey(_secret);
        _local.Register(providerName, null, key is null ? rateLimit : new ProviderRateLimitOptions());
        var shared = key is null ? null : _shared.GetOrAdd(key, static (k, name) => new SharedProvider(k, name), providerName);
        var budget = key is null || !rateLimit.IsLimited ? null
            : _registrations.TryGetValue(providerName, out var previous) && previous.Budget is { } kept && kept.Matches(key, rateLimit)
                ? kept
                : new FleetBudget(providerName, key, rateLimit, LeaseLife, _timeProvider);
        _registrations[providerName] = new Registration(shared, budget);
        Sync.EnsureStarted();
    }

    /// <inheritdoc/>
    public ProviderHealth GetHealth(string providerName)
    {
        var own = _local.GetHealth(providerName);
        return _registrations.TryGetValue(providerName, out var registration) && registration.Shared is { } shared ? shared.Combine(own) : own;
    }

    /// <inheritdoc/>
    public bool ReportCooldown(string providerName, DateTimeOffset until)
    {
        var extended = _local.ReportCooldown(providerName, until);
        if (SharedOf(providerName) is { } shared && shared.ExtendOwnCooldown(until.UtcTicks))
        {
            Sync.PublishCooldown(shared);
        }

        return extended;
    }

    /// <inheritdoc/>
    public void ReportCircuitOpened(string providerName, DateTimeOffset until)
    {
        _local.ReportCircuitOpened(providerName, until);
        ShareCircuit(providerName, until.UtcTicks);
    }

    /// <inheritdoc/>
    public void ReportCircuitHalfOpened(string providerName, DateTimeOffset probeUntil)
    {
        _local.ReportCircuitHalfOpened(providerName, probeUntil);
        ShareCircuit(providerName, probeUntil.UtcTicks);
    }

    /// <inheritdoc/>
    public void ReportCircuitClosed(string providerName)
    {
        _local.ReportCircuitClosed(providerName);
        ShareCircuit(providerName, 0);
    }

    /// <inheritdoc/>
    public RateBudgetReservation ReserveBudget(RateBudgetRequest request) =>
        BudgetOf(request.ProviderName) is { } budget ? Spend(budget, request, reserve: true) : _local.ReserveBudget(request);

    /// <inheritdoc/>
    public bool HasBudget(RateBudgetRequest request) =>
        BudgetOf(request.ProviderName) is { } budget ? Spend(budget, request, reserve: false).IsGranted : _local.HasBudget(request);

    /// <inheritdoc/>
    public void SettleBudget(RateBudgetReservation reservation, ChatUsage? usage)
    {
        if (reservation.Budget is FleetBudget fleet)
        {
            if (fleet.Settle(reservation, usage))
            {
                Sync.RequestRefunds(fleet);
            }
        }
        else
        {
            _local.SettleBudget(reservation, usage); // settles a budget of either in-memory store: the budget settles itself
        }
    }

    /// <summary>Gives a budget's share of the limits to the fallback store, for the next outage.</summary>
    public void UpdateFallback(FleetBudget budget) => _fallback.Register(budget.ProviderName, null, budget.FallbackShare());

    public ValueTask DisposeAsync() => Sync.DisposeAsync();

    public void Dispose() => Sync.Dispose();

    private TimeSpan LeaseLife => _options.ResyncInterval * 3;

    private SharedProvider? SharedOf(string providerName) =>
        _registrations.TryGetValue(providerName, out var registration) ? registration.Shared : null;

    private void ShareCircuit(string providerName, long untilTicks)
    {
        if (_options.ShareCircuits && SharedOf(providerName) is { } shared)
        {
            shared.SetOwnCircuit(untilTicks);
            Sync.PublishCircuit(shared);
        }
    }

    private FleetBudget? BudgetOf(string providerName) =>
        _registrations.TryGetValue(providerName, out var registration) ? registration.Budget : null;

    private RateBudgetReservation Spend(FleetBudget budget, RateBudgetRequest request, bool reserve)
    {
        var (reservation, refused) = budget.Reserve(request, reserve);
        Sync.RequestLeases(budget);
        if (refused is null || Sync.IsConnected)
        {
            return reservation;
        }

        // Redis is gone and the lease ran out: this replica keeps to its share of the limit until Redis returns.
        return reserve ? _fallback.ReserveBudget(request) : _fallback.HasBudget(request) ? RateBudgetReservation.None : reservation;
    }

    private sealed record Registration(SharedProvider? Shared, FleetBudget? Budget);
}
