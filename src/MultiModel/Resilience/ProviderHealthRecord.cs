using Polly.CircuitBreaker;

namespace MultiModel.Resilience;

/// <summary>Holds the live health of one provider: its circuit state and any cooldown asked for by the server.</summary>
/// <remarks>Written by the provider's resilience pipeline, read by failover chains and the health check. Thread-safe.</remarks>
internal sealed class ProviderHealthRecord
{
    private readonly TimeProvider _timeProvider;
    private long _cooldownUntilUtcTicks;
    private long _circuitOpenUntilUtcTicks;

    public ProviderHealthRecord(string providerName, TimeProvider timeProvider)
    {
        ProviderName = providerName;
        _timeProvider = timeProvider;
    }

    /// <summary>Raised when the circuit changes state (opened, half-opened, closed).</summary>
    public event Action<ProviderHealthRecord, CircuitState>? CircuitStateChanged;

    /// <summary>Raised when a cooldown starts, with its end.</summary>
    public event Action<ProviderHealthRecord, DateTimeOffset>? CooldownStarted;

    public string ProviderName { get; }

    /// <summary>Gets the state provider the circuit breaker strategy reports into.</summary>
    public CircuitBreakerStateProvider CircuitStateProvider { get; } = new();

    /// <summary>Gets the circuit's state (closed when no breaker is configured).</summary>
    public CircuitState CircuitState => CircuitStateProvider.CircuitState;

    /// <summary>Gets the end of the current cooldown, or <see langword="null"/> when the provider is not cooling down.</summary>
    public DateTimeOffset? CooldownUntil
    {
        get
        {
            var ticks = Interlocked.Read(ref _cooldownUntilUtcTicks);
            return ticks > _timeProvider.GetUtcNow().UtcTicks ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;
        }
    }

    /// <summary>Starts (or extends) a cooldown lasting <paramref name="duration"/> from now.</summary>
    public void StartCooldown(TimeSpan duration)
    {
        var until = _timeProvider.GetUtcNow() + duration;
        long current;
        do
        {
            current = Interlocked.Read(ref _cooldownUntilUtcTicks);
            if (current >= until.UtcTicks)
            {
                return;
            }
        }
        while (Interlocked.CompareExchange(ref _cooldownUntilUtcTicks, until.UtcTicks, current) != current);

        CooldownStarted?.Invoke(this, until);
    }

    /// <summary>Gets when the open circuit lets a probe through (the breaker moves to half-open only when called after that).</summary>
    public DateTimeOffset? CircuitOpenUntil =>
        CircuitState is CircuitState.Open ? new DateTimeOffset(Interlocked.Read(ref _circuitOpenUntilUtcTicks), TimeSpan.Zero) : null;

    /// <summary>Gets the end of the break of the last circuit opening, whatever the circuit's state now.</summary>
    public DateTimeOffset LastOpenedUntil => new(Interlocked.Read(ref _circuitOpenUntilUtcTicks), TimeSpan.Zero);

    internal void OnCircuitOpened(TimeSpan breakDuration)
    {
        var until = breakDuration == TimeSpan.MaxValue ? DateTimeOffset.MaxValue : _timeProvider.GetUtcNow() + breakDuration;
        Interlocked.Exchange(ref _circuitOpenUntilUtcTicks, until.UtcTicks);
        CircuitStateChanged?.Invoke(this, CircuitState.Open);
    }

    internal void OnCircuitStateChanged(CircuitState state) => CircuitStateChanged?.Invoke(this, state);
}
