using System.Diagnostics;

namespace MultiModel.Diagnostics;

/// <summary>The continuation of a broken stream by another provider: a log message, a metric, and an event and a count on the call's span.</summary>
internal sealed partial class CallTelemetry
{
    private int _resumptionCount;

    /// <summary>Records that a broken stream was continued by another provider.</summary>
    public void StreamResumed(ChatResumption resumption)
    {
        if (!_enabled)
        {
            return;
        }

        _resumptionCount++;
        Logger.StreamResumed(Chain, resumption.BrokenProviderName, resumption.ProviderName, resumption.Offset, resumption.OverlapLength);
        _telemetry.Metrics.RecordResumption(Chain, resumption.ProviderName, resumption.BrokenProviderName);
        if (_activity is { IsAllDataRequested: true } activity)
        {
            activity.SetTag(TelemetryTags.ResumptionCount, _resumptionCount);
            activity.AddEvent(new ActivityEvent(TelemetryTags.ResumedEvent, tags: new ActivityTagsCollection
            {
                { TelemetryTags.ResumedFrom, resumption.BrokenProviderName },
                { TelemetryTags.ProviderName, resumption.ProviderName },
                { TelemetryTags.ResumptionOffset, resumption.Offset },
                { TelemetryTags.ResumptionOverlap, resumption.OverlapLength },
            }));
        }
    }
}
