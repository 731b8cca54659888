namespace MultiModel.Diagnostics;

/// <summary>Provides the names under which MultiModel publishes traces and metrics, to enable them in OpenTelemetry.</summary>
/// <remarks>
/// <para>
/// Subscribe with <c>AddSource(MultiModelTelemetry.ActivitySourceName)</c> and <c>AddMeter(MultiModelTelemetry.MeterName)</c>.
/// Spans, tags, instruments and log event ids are listed in the README's Telemetry section; they follow the
/// OpenTelemetry GenAI semantic conventions where those define a name, and use the <c>multimodel.</c> prefix otherwise.
/// </para>
/// <para>
/// Prompt and answer text are never recorded unless sensitive data is enabled
/// (<c>FailoverChatClientOptions.EnableSensitiveData</c>, or <c>MultiModel:Telemetry:EnableSensitiveData</c>). API keys are never recorded.
/// </para>
/// </remarks>
public static class MultiModelTelemetry
{
    /// <summary>The name of the <see cref="System.Diagnostics.ActivitySource"/> that emits MultiModel spans.</summary>
    public const string ActivitySourceName = "MultiModel";

    /// <summary>The name of the <see cref="System.Diagnostics.Metrics.Meter"/> that holds MultiModel instruments.</summary>
    public const string MeterName = "MultiModel";
}
