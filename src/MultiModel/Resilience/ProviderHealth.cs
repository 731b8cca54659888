namespace MultiModel.Resilience;

/// <summary>Represents what a <see cref="IProviderHealthSource"/> says about one provider at one moment.</summary>
/// <param name="State">Whether the provider should be tried.</param>
/// <param name="Until">When a cooldown or an open circuit ends, when known; past values count as ended.</param>
public readonly record struct ProviderHealth(ProviderHealthState State, DateTimeOffset? Until = null)
{
    /// <summary>The reason recorded on a skipped attempt for a provider that is cooling down.</summary>
    public const string CooldownSkipReason = "cooldown";

    /// <summary>The reason recorded on a skipped attempt for a provider whose circuit is open.</summary>
    public const string CircuitOpenSkipReason = "circuit-open";

    /// <summary>Gets a value indicating whether this state was reported by another process sharing the provider (another replica), not observed here.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool IsShared { get; init; }

    /// <summary>Gets the health of a provider that may be tried.</summary>
    public static ProviderHealth Available => default;

    /// <summary>Creates the health of a provider that must not be called before a given time.</summary>
    /// <param name="until">When the cooldown ends.</param>
    /// <returns>A <see cref="ProviderHealthState.CoolingDown"/> health.</returns>
    public static ProviderHealth CoolingDownUntil(DateTimeOffset until) => new(ProviderHealthState.CoolingDown, until);

    /// <summary>Creates the health of a provider whose circuit breaker is open.</summary>
    /// <param name="until">When the breaker will let a trial call through, or <see langword="null"/> when unknown.</param>
    /// <returns>A <see cref="ProviderHealthState.CircuitOpen"/> health.</returns>
    public static ProviderHealth Open(DateTimeOffset? until = null) => new(ProviderHealthState.CircuitOpen, until);

    /// <summary>Decides whether a provider in this state is skipped at a given time.</summary>
    /// <param name="now">The current time.</param>
    /// <returns>
    /// <see cref="CooldownSkipReason"/> or <see cref="CircuitOpenSkipReason"/> when the provider must be skipped;
    /// <see langword="null"/> when it may be tried (available, half-open, or a cooldown or open circuit whose
    /// <see cref="Until"/> has passed).
    /// </returns>
    public string? GetSkipReason(DateTimeOffset now) => State switch
    {
        ProviderHealthState.CoolingDown when Until is null || Until > now => CooldownSkipReason,
        ProviderHealthState.CircuitOpen when Until is null || Until > now => CircuitOpenSkipReason,
        _ => null,
    };
}
