using System.Diagnostics;

namespace MultiModel.Diagnostics;

/// <summary>The telemetry state of one started attempt: its span (when traced) and its metric attributes.</summary>
internal sealed class AttemptTelemetry
{
    public AttemptTelemetry(int index, string providerName, Activity? activity, AttemptMetricTags tags)
    {
        Index = index;
        ProviderName = providerName;
        Activity = activity;
        Tags = tags;
    }

    public int Index { get; }

    public string ProviderName { get; }

    public Activity? Activity { get; }

    public AttemptMetricTags Tags { get; }

    /// <summary>Gets or sets a value indicating whether the attempt's outcome was recorded (its span ended).</summary>
    public bool Ended { get; set; }
}
