using MultiModel.Diagnostics;

namespace MultiModel.Resilience;

/// <summary>
/// Reports what a provider's resilience pipeline observes (the breaker's transitions, a server's request to wait
/// beyond the retry cap) to the health store, and logs and counts each change.
/// </summary>
internal sealed class ProviderHealthReporter
{
    private readonly ProviderHealthTelemetry _telemetry;

    public ProviderHealthReporter(IProviderHealthStore store, TimeProvider timeProvider, ProviderHealthTelemetry telemetry)
    {
        Store = store;
        TimeProvider = timeProvider;
        _telemetry = telemetry;
    }

    public IProviderHealthStore Store { get; }

    public TimeProvider TimeProvider { get; }

    public void CircuitOpened(string providerName, TimeSpan breakDuration)
    {
        var until = After(breakDuration);
        Store.ReportCircuitOpened(providerName, until);
        _telemetry.CircuitOpened(providerName, until);
    }

    public void CircuitHalfOpened(string providerName, TimeSpan breakDuration)
    {
        Store.ReportCircuitHalfOpened(providerName, After(breakDuration));
        _telemetry.CircuitHalfOpened(providerName);
    }

    public void CircuitClosed(string providerName)
    {
        Store.ReportCircuitClosed(providerName);
        _telemetry.CircuitClosed(providerName);
    }

    /// <summary>Starts (or extends) a cooldown: the server asked to wait longer than the retry cap allows.</summary>
    public void ServerAskedToWait(string providerName, TimeSpan delay)
    {
        var until = After(delay);
        if (Store.ReportCooldown(providerName, until))
        {
            _telemetry.CooldownStarted(providerName, until);
        }
    }

    private DateTimeOffset After(TimeSpan duration)
    {
        var now = TimeProvider.GetUtcNow();
        return duration >= DateTimeOffset.MaxValue - now ? DateTimeOffset.MaxValue : now + duration;
    }
}
