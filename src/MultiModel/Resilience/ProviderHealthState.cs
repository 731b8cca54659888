namespace MultiModel.Resilience;

/// <summary>Describes whether a provider should be tried now.</summary>
public enum ProviderHealthState
{
    /// <summary>The provider is healthy; try it.</summary>
    Available,

    /// <summary>The provider asked for a pause (for example a 429 with <c>retry-after</c>); skip it until <see cref="ProviderHealth.Until"/>.</summary>
    CoolingDown,

    /// <summary>A circuit breaker stopped calls to the provider; skip it (until <see cref="ProviderHealth.Until"/>, when given).</summary>
    CircuitOpen,

    /// <summary>A circuit breaker lets a trial call through; try the provider.</summary>
    HalfOpen,
}
