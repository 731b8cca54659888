using System.Collections.Concurrent;

namespace MultiModel.Resilience;

/// <summary>Keeps provider health in this process: the default <see cref="IProviderHealthStore"/>.</summary>
/// <remarks>
/// <para>
/// Thread-safe. Cooldowns and circuits are lock-free (a few 64-bit values updated atomically); each rate budget
/// counts requests and tokens in one-second slots over the last 60 seconds under its own lock. Share one instance
/// between the providers' resilience handlers and the chains that should skip them (dependency injection registers
/// one per container). <see cref="ProviderIdentity"/> is not used: everything stays in this process.
/// </para>
/// </remarks>
public sealed class InMemoryProviderHealthStore : IProviderHealthStore
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, ProcessRateBudget> _budgets = new(StringComparer.OrdinalIgnoreCase);
    private readonly TimeProvider _timeProvider;

    /// <summary>Initializes a new instance of the <see cref="InMemoryProviderHealthStore"/> class on the system clock.</summary>
    public InMemoryProviderHealthStore()
        : this(TimeProvider.System)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="InMemoryProviderHealthStore"/> class.</summary>
    /// <param name="timeProvider">The clock of the rate budgets' one-minute windows.</param>
    /// <exception cref="ArgumentNullException"><paramref name="timeProvider"/> is <see langword="null"/>.</exception>
    public InMemoryProviderHealthStore(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _timeProvider = timeProvider;
    }

    /// <inheritdoc/>
    public ProviderHealth GetHealth(string providerName)
    {
        ArgumentNullException.ThrowIfNull(providerName);
        return _entries.TryGetValue(providerName, out var entry) ? entry.Health : ProviderHealth.Available;
    }

    /// <inheritdoc/>
    public void Register(string providerName, ProviderIdentity? identity, ProviderRateLimitOptions rateLimit)
    {
        ArgumentNullException.ThrowIfNull(providerName);
        ArgumentNullException.ThrowIfNull(rateLimit);
        if (ProviderRateLimitOptions.Validate(rateLimit, nameof(ProviderRateLimitOptions)) is { Count: > 0 } problems)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(rateLimit));
        }

        if (!rateLimit.IsLimited)
        {
            _budgets.TryRemove(providerName, out _);
        }
        else if (!_budgets.TryGetValue(providerName, out var budget) || !budget.Matches(rateLimit))
        {
            // Unchanged limits keep their budget (and what it counted) across a configuration reload.
            _budgets[providerName] = new ProcessRateBudget(rateLimit, _timeProvider);
        }
    }

    /// <inheritdoc/>
    public RateBudgetReservation ReserveBudget(RateBudgetRequest request) =>
        _budgets.TryGetValue(request.ProviderName, out var budget) ? budget.Reserve(request) : RateBudgetReservation.None;

    /// <inheritdoc/>
    public bool HasBudget(RateBudgetRequest request) =>
        !_budgets.TryGetValue(request.ProviderName, out var budget) || budget.Fits(request);

    /// <inheritdoc/>
    public void SettleBudget(RateBudgetReservation reservation, ChatUsage? usage) => (reservation.Budget as ProcessRateBudget)?.Settle(reservation, usage);

    /// <inheritdoc/>
    public bool ReportCooldown(string providerName, DateTimeOffset until) => GetEntry(providerName).ExtendCooldown(until.UtcTicks);

    /// <inheritdoc/>
    public void ReportCircuitOpened(string providerName, DateTimeOffset until) => GetEntry(providerName).SetCircuitBlockedUntil(until.UtcTicks);

    /// <inheritdoc/>
    public void ReportCircuitHalfOpened(string providerName, DateTimeOffset probeUntil) => GetEntry(providerName).SetCircuitBlockedUntil(probeUntil.UtcTicks);

    /// <inheritdoc/>
    public void ReportCircuitClosed(string providerName) => GetEntry(providerName).SetCircuitBlockedUntil(0);

    private Entry GetEntry(string providerName)
    {
        ArgumentNullException.ThrowIfNull(providerName);
        return _entries.GetOrAdd(providerName, static _ => new Entry());
    }

    private sealed class Entry
    {
        private long _cooldownUntilTicks;
        private long _circuitBlockedUntilTicks;

        public ProviderHealth Health
        {
            get
            {
                var cooldown = Interlocked.Read(ref _cooldownUntilTicks);
                var circuit = Interlocked.Read(ref _circuitBlockedUntilTicks);
                if (circuit == 0 && cooldown == 0)
                {
                    return ProviderHealth.Available;
                }

                // The constraint that ends last decides; a past one is ignored by the reader.
                return circuit >= cooldown
                    ? ProviderHealth.Open(new DateTimeOffset(circuit, TimeSpan.Zero))
                    : ProviderHealth.CoolingDownUntil(new DateTimeOffset(cooldown, TimeSpan.Zero));
            }
        }

        public bool ExtendCooldown(long untilTicks)
        {
            long current;
            do
            {
                current = Interlocked.Read(ref _cooldownUntilTicks);
                if (current >= untilTicks)
                {
                    return false;
                }
            }
            while (Interlocked.CompareExchange(ref _cooldownUntilTicks, untilTicks, current) != current);

            return true;
        }

        public void SetCircuitBlockedUntil(long untilTicks) => Interlocked.Exchange(ref _circuitBlockedUntilTicks, untilTicks);
    }
}
