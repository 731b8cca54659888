using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MultiModel.Resilience;
using Polly.CircuitBreaker;

namespace MultiModel.Diagnostics;

/// <summary>Turns the health events of every provider (circuit state changes, cooldowns) into logs and metrics.</summary>
internal sealed class ProviderHealthTelemetry
{
    private readonly ILogger _logger;
    private readonly MultiModelMetrics _metrics;

    private ProviderHealthTelemetry(ILoggerFactory? loggerFactory, IMeterFactory? meterFactory)
    {
        _logger = loggerFactory?.CreateLogger(Log.HealthCategory) ?? NullLogger.Instance;
        _metrics = MultiModelMetrics.For(meterFactory);
    }

    /// <summary>Subscribes to the registry's records, present and future.</summary>
    public static void Observe(ProviderHealthRegistry registry, ILoggerFactory? loggerFactory, IMeterFactory? meterFactory)
    {
        var telemetry = new ProviderHealthTelemetry(loggerFactory, meterFactory);
        registry.RecordCreated += telemetry.Subscribe;
        foreach (var record in registry.Records)
        {
            telemetry.Subscribe(record);
        }
    }

    private void Subscribe(ProviderHealthRecord record)
    {
        record.CircuitStateChanged += OnCircuitStateChanged;
        record.CooldownStarted += OnCooldownStarted;
    }

    private void OnCircuitStateChanged(ProviderHealthRecord record, CircuitState state)
    {
        switch (state)
        {
            case CircuitState.Open:
                _logger.CircuitOpened(record.ProviderName, record.LastOpenedUntil);
                break;
            case CircuitState.HalfOpen:
                _logger.CircuitHalfOpened(record.ProviderName);
                break;
            case CircuitState.Closed:
                _logger.CircuitClosed(record.ProviderName);
                break;
        }

        _metrics.RecordCircuitState(record.ProviderName, StateName(state));
    }

    private void OnCooldownStarted(ProviderHealthRecord record, DateTimeOffset until)
    {
        _logger.CooldownStarted(record.ProviderName, until);
        _metrics.RecordCooldown(record.ProviderName);
    }

    private static string StateName(CircuitState state) => state switch
    {
        CircuitState.Open => "open",
        CircuitState.HalfOpen => "half_open",
        CircuitState.Closed => "closed",
        CircuitState.Isolated => "isolated",
        _ => "other",
    };
}
