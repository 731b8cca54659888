using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;
using MultiModel.Diagnostics;

namespace MultiModel.Redis.Internal;

/// <summary>Counts shared-state events on the <c>MultiModel</c> meter: <c>multimodel.shared_state.events</c> by <c>multimodel.shared_state.event</c>.</summary>
internal sealed class SharedStateMetrics : IDisposable
{
    public const string CooldownPublished = "cooldown_published";
    public const string CooldownReceived = "cooldown_received";
    public const string QuorumOpened = "quorum_opened";
    public const string QuorumClosed = "quorum_closed";
    public const string BudgetExhausted = "budget_exhausted";
    public const string RedisLost = "redis_lost";
    public const string RedisRestored = "redis_restored";
    public const string WriteDropped = "write_dropped";

    private readonly Meter? _ownMeter;
    private readonly Counter<long> _events;

    public SharedStateMetrics(IMeterFactory? meterFactory)
    {
        var version = typeof(SharedStateMetrics).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        var meter = meterFactory?.Create(new MeterOptions(MultiModelTelemetry.MeterName) { Version = version })
            ?? (_ownMeter = new Meter(MultiModelTelemetry.MeterName, version));
        _events = meter.CreateCounter<long>("multimodel.shared_state.events", "{event}", "Events of the provider state shared across replicas, by event.");
    }

    public void Record(string sharedEvent)
    {
        if (_events.Enabled)
        {
            _events.Add(1, new TagList { { "multimodel.shared_state.event", sharedEvent } });
        }
    }

    public void Dispose() => _ownMeter?.Dispose();
}
