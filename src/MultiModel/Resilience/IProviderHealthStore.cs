using MultiModel.Failover;

namespace MultiModel.Resilience;

/// <summary>Holds the health of every provider: the one place that cooldowns and circuit states live.</summary>
/// <remarks>
/// <para>
/// Each provider's HTTP resilience pipeline writes to the store (a server asked to wait beyond the retry cap; the
/// circuit opened, half-opened or closed), and failover chains and the health check read it through
/// <see cref="IProviderHealthSource.GetHealth"/>. Providers are identified by their <see cref="IChatProvider.Name"/>.
/// </para>
/// <para>
/// <b>Contract for implementations.</b> Every member is called on the call path: it must be thread-safe, must not
/// block and must not wait on I/O (a store shared between processes reads a local copy and writes in the
/// background). Times are absolute UTC instants; readers compare them with their own clock, so a store needs none.
/// A cooldown only ever extends: a report that ends earlier than the current one changes nothing.
/// <see cref="IProviderHealthSource.GetHealth"/> reports the constraint that ends last.
/// </para>
/// <para>
/// <see cref="InMemoryProviderHealthStore"/> is the default, for one process.
/// </para>
/// </remarks>
public interface IProviderHealthStore : IProviderHealthSource
{
    /// <summary>Records that a provider asked not to be called before a given time; the provider is skipped until then.</summary>
    /// <param name="providerName">The provider's name.</param>
    /// <param name="until">When the cooldown ends.</param>
    /// <returns><see langword="true"/> when the cooldown was started or extended; <see langword="false"/> when one that ends later was already recorded.</returns>
    bool ReportCooldown(string providerName, DateTimeOffset until);

    /// <summary>Records that a provider's circuit opened; the provider is skipped until the break ends.</summary>
    /// <param name="providerName">The provider's name.</param>
    /// <param name="until">When the break ends and a probe call may go through.</param>
    void ReportCircuitOpened(string providerName, DateTimeOffset until);

    /// <summary>Records that a provider's circuit let a probe call through; other calls skip the provider while it runs.</summary>
    /// <param name="providerName">The provider's name.</param>
    /// <param name="probeUntil">When the breaker lets another probe through if this one has not reported by then.</param>
    void ReportCircuitHalfOpened(string providerName, DateTimeOffset probeUntil);

    /// <summary>Records that a provider's circuit closed: calls flow again.</summary>
    /// <param name="providerName">The provider's name.</param>
    void ReportCircuitClosed(string providerName);
}
