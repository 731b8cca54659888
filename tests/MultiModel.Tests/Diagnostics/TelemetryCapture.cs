using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using MultiModel.Diagnostics;

namespace MultiModel.Tests.Diagnostics;

/// <summary>Records the MultiModel spans of one chain (by its unique name) and the measurements of one meter factory.</summary>
/// <remarks>The activity source is process-wide, so spans are kept only when they carry this capture's chain name.</remarks>
internal sealed class TelemetryCapture : IDisposable
{
    private readonly ActivityListener _activities;
    private readonly MeterListener _meters;
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ConcurrentQueue<Activity> _started = new();
    private readonly ConcurrentQueue<Measurement> _measurements = new();

    public TelemetryCapture(string chainName, IMeterFactory meterFactory, Func<Activity, bool>? extraSpanFilter = null)
    {
        ChainName = chainName;
        MeterFactory = meterFactory;
        bool Mine(Activity a) => Equals(a.GetTagItem("multimodel.chain.name"), chainName) || (extraSpanFilter?.Invoke(a) ?? false);
        _activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name == MultiModelTelemetry.ActivitySourceName,
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStarted = a => _started.Enqueue(a),
            ActivityStopped = a =>
            {
                if (Mine(a))
                {
                    _stopped.Enqueue(a);
                }
            },
        };
        ActivitySource.AddActivityListener(_activities);

        _meters = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (ReferenceEquals(instrument.Meter.Scope, meterFactory) && instrument.Meter.Name == MultiModelTelemetry.MeterName)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _meters.SetMeasurementEventCallback<long>((i, v, tags, _) => _measurements.Enqueue(new Measurement(i.Name, i.Unit, v, ToDictionary(tags))));
        _meters.SetMeasurementEventCallback<double>((i, v, tags, _) => _measurements.Enqueue(new Measurement(i.Name, i.Unit, v, ToDictionary(tags))));
        _meters.Start();
    }

    public string ChainName { get; }

    public IMeterFactory MeterFactory { get; }

    /// <summary>Gets the spans of this chain that ended, in the order they ended.</summary>
    public IReadOnlyList<Activity> Spans => [.. _stopped];

    /// <summary>Gets the spans of this chain that started (ended or not).</summary>
    public IReadOnlyList<Activity> StartedSpans => [.. _started.Where(a => Equals(a.GetTagItem("multimodel.chain.name"), ChainName))];

    public IReadOnlyList<Measurement> Measurements => [.. _measurements];

    public Activity Parent => Spans.Single(a => a.OperationName.StartsWith("failover ", StringComparison.Ordinal));

    public IReadOnlyList<Activity> Attempts => [.. Spans.Where(a => a != Parent).OrderBy(a => (int)a.GetTagItem("multimodel.attempt.index")!)];

    public IReadOnlyList<Measurement> Of(string instrument) => [.. Measurements.Where(m => m.Instrument == instrument)];

    public void Dispose()
    {
        _activities.Dispose();
        _meters.Dispose();
    }

    private static Dictionary<string, object?> ToDictionary(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            result[tag.Key] = tag.Value;
        }

        return result;
    }

    internal sealed record Measurement(string Instrument, string? Unit, double Value, IReadOnlyDictionary<string, object?> Tags)
    {
        public object? this[string tag] => Tags.TryGetValue(tag, out var value) ? value : null;
    }
}
