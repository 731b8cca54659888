
namespace MultiModel.Resilience;

/// <summary>Holds the health of every provider: the one place that cooldowns, circuit states and rate budgets live.</summary>
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
/// <b>Rate budgets.</b> A store keeps the budgets given to <see cref="Register"/> and spends them through
/// <see cref="IProviderHealthSource.ReserveBudget"/> and <see cref="IProviderHealthSource.SettleBudget"/> (a store
/// that leaves those defaults in place enforces no budget).
/// </para>
/// <para>
/// <see cref="InMemoryProviderHealthStore"/> is the default, for one process. A store shared between processes keys
/// what it shares by <see cref="ProviderIdentity"/> (endpoint, model and API key), never by name alone, and never
/// writes the key itself.
/// </para>
/// </remarks>
public interface IProviderHealthStore : IProviderHealthSource
{
    /// <summary>Tells the store about a provider: what it is (for sharing its state) and its rate budget.</summary>
    /// <param name="providerName">The provider's name.</param>
    /// <param name="identity">What the provider's state belongs to (endpoint, model, key), or <see langword="null"/> when unknown: its state then stays in this process.</param>
    /// <param name="rateLimit">The provider's rate budget; its values are copied. Registering a provider again replaces both.</param>
    /// <exception cref="ArgumentNullException"><paramref name="providerName"/> or <paramref name="rateLimit"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="rateLimit"/> holds a value out of range.</exception>
    /// <remarks>Dependency injection registers every provider it builds, at start-up and after each valid reload.</remarks>
    void Register(string providerName, ProviderIdentity? identity, ProviderRateLimitOptions rateLimit);

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
