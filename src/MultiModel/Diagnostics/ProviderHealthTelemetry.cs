using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MultiModel.Diagnostics;

/// <summary>Turns provider health changes (circuit state changes, cooldowns) into logs and metrics.</summary>
internal sealed class ProviderHealthTelemetry
{
    private readonly ILogger _logger;
    private readonly MultiModelMetrics _metrics;

    public ProviderHealthTelemetry(ILoggerFactory? loggerFactory, IMeterFactory? meterFactory)
    {
        _logger = loggerFactory?.CreateLogger(Log.HealthCategory) ?? NullLogger.Instance;
        _metrics = MultiModelMetrics.For(meterFactory);
    }

    public void CircuitOpened(string providerName, DateTimeOffset until)
    {
        _logger.CircuitOpened(providerName, until);
        _metrics.RecordCircuitState(providerName, "open");
    }

    public void CircuitHalfOpened(string providerName)
    {
        _logger.CircuitHalfOpened(providerName);
        _metrics.RecordCircuitState(providerName, "half_open");
    }

    public void CircuitClosed(string providerName)
    {
        _logger.CircuitClosed(providerName);
        _metrics.RecordCircuitState(providerName, "closed");
    }

    public void CooldownStarted(string providerName, DateTimeOffset until)
    {
        _logger.CooldownStarted(providerName, until);
        _metrics.RecordCooldown(providerName);
    }
}
