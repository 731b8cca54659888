namespace MultiModel.DependencyInjection;

/// <summary>Configures the telemetry of every MultiModel chain (section <c>MultiModel:Telemetry</c>).</summary>
/// <remarks>
/// <para>
/// Traces, metrics and logs are always produced for whoever listens (the <c>MultiModel</c> activity source and meter,
/// the container's <c>ILoggerFactory</c>); these options only decide what they may contain. They are read from the
/// unnamed registration (<c>MultiModel:Telemetry</c>) and apply to named chains too; a chain's own
/// <c>Failover:EnableSensitiveData</c> turns sensitive data on for that chain alone.
/// </para>
/// </remarks>
public sealed class MultiModelTelemetryOptions
{
    /// <summary>Gets or sets a value indicating whether prompt and answer text may be recorded in spans (GenAI events) and in Trace logs.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    /// <remarks><para>Prompts and answers can hold personal or confidential data. API keys are never recorded, whatever this says.</para></remarks>
    public bool EnableSensitiveData { get; set; }
}
