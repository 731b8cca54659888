using System.Collections.Concurrent;
using MultiModel.Failover;
using Polly;
using Polly.CircuitBreaker;

namespace MultiModel.Resilience;

/// <summary>
/// Keeps, per provider name, the health record and the resilience pipeline (which must outlive the HTTP handlers
/// that rotate under IHttpClientFactory), and answers failover chains' health questions.
/// </summary>
internal sealed class ProviderHealthRegistry : IProviderHealthSource
{
    private readonly ConcurrentDictionary<string, ProviderHealthRecord> _records = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, Lazy<ResiliencePipeline<HttpResponseMessage>>> _pipelines = new(StringComparer.OrdinalIgnoreCase);
    private readonly TimeProvider _timeProvider;

    public ProviderHealthRegistry(TimeProvider timeProvider)
    {
        _timeProvider = timeProvider;
    }

    /// <summary>Raised when any provider's record is created, so observers can subscribe to its events.</summary>
    public event Action<ProviderHealthRecord>? RecordCreated;

    /// <summary>Gets the records created so far.</summary>
    public IEnumerable<ProviderHealthRecord> Records => _records.Values;

    public ProviderHealthRecord GetRecord(string providerName) =>
        _records.GetOrAdd(providerName, static (name, self) =>
        {
            var record = new ProviderHealthRecord(name, self._timeProvider);
            self.RecordCreated?.Invoke(record);
            return record;
        }, this);

    public ResiliencePipeline<HttpResponseMessage> GetPipeline(string providerName, ProviderResilienceOptions options) =>
        _pipelines.GetOrAdd(
            providerName,
            name => new Lazy<ResiliencePipeline<HttpResponseMessage>>(() => ProviderResilienceHandler.Build(options, GetRecord(name), _timeProvider))).Value;

    /// <inheritdoc/>
    public ProviderHealth GetHealth(string providerName)
    {
        if (!_records.TryGetValue(providerName, out var record))
        {
            return ProviderHealth.Available;
        }

        switch (record.CircuitState)
        {
            case CircuitState.Open or CircuitState.Isolated:
                // Once the break is over, the next call is let through as the probe (the breaker turns half-open).
                return ProviderHealth.Open(record.CircuitOpenUntil);
            case CircuitState.HalfOpen:
                // The probe is in flight and the breaker refuses every other call until it ends: skip, do not fail on it.
                return ProviderHealth.Open();
        }

        return record.CooldownUntil is { } until ? ProviderHealth.CoolingDownUntil(until) : ProviderHealth.Available;
    }
}
