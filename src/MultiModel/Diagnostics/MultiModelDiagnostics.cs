using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;

namespace MultiModel.Diagnostics;

/// <summary>Holds the process-wide activity source and the meter used when no <see cref="IMeterFactory"/> is given.</summary>
internal static class MultiModelDiagnostics
{
    /// <summary>Gets the version reported with the source and the meter.</summary>
    public static readonly string? Version = typeof(MultiModelDiagnostics).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;

    /// <summary>Gets the activity source of every MultiModel span.</summary>
    public static readonly ActivitySource Source = new(MultiModelTelemetry.ActivitySourceName, Version);

    /// <summary>Gets the meter used without dependency injection.</summary>
    public static readonly Meter SharedMeter = new(MultiModelTelemetry.MeterName, Version);

    /// <summary>Starts a span named "<paramref name="operation"/> <paramref name="target"/>" without making it <see cref="Activity.Current"/> for the calling flow.</summary>
    /// <remarks>The name is built only when the source is listened to: logs or metrics alone cost no string per attempt.</remarks>
    public static Activity? StartDetached(string operation, string? target, ActivityKind kind, ActivityContext parent)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var previous = Activity.Current;
        var activity = Source.StartActivity(target is null ? operation : operation + " " + target, kind, parent);
        Activity.Current = previous;
        return activity;
    }

    /// <summary>Ends a span without changing <see cref="Activity.Current"/> of the calling flow (unless it was that span).</summary>
    public static void Stop(Activity activity)
    {
        var current = Activity.Current;
        activity.Stop();
        if (!ReferenceEquals(current, activity))
        {
            Activity.Current = current;
        }
    }
}
