using System.Collections.Concurrent;
using MultiModel.Failover;

namespace MultiModel.Resilience;

/// <summary>Keeps provider health in this process: the default <see cref="IProviderHealthStore"/>.</summary>
/// <remarks>
/// <para>
/// Thread-safe and lock-free: each provider's state is a few 64-bit values updated atomically. Share one instance
/// between the providers' resilience handlers and the chains that should skip them (dependency injection registers
/// one per container).
/// </para>
/// </remarks>
public sealed class InMemoryProviderHealthStore : IProviderHealthStore
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.OrdinalIgnoreCase);

    /// <inheritdoc/>
    public ProviderHealth GetHealth(string providerName)
    {
        ArgumentNullException.ThrowIfNull(providerName);
        return _entries.TryGetValue(providerName, out var entry) ? entry.Health : ProviderHealth.Available;
    }

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
