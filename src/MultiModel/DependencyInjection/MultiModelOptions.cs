namespace MultiModel.DependencyInjection;

/// <summary>Configures a MultiModel registration: its providers and the failover chain over them (section <c>MultiModel</c>).</summary>
/// <remarks>
/// <para>
/// The unnamed instance holds the providers every chain can use. A named chain (<c>AddMultiModel("coding", …)</c>)
/// is a named instance of these options whose <see cref="Order"/>, <see cref="Confidence"/> and
/// <see cref="Failover"/> apply to that chain; its providers come from the unnamed instance.
/// </para>
/// </remarks>
public sealed class MultiModelOptions
{
    /// <summary>The configuration section read by default.</summary>
    public const string SectionName = "MultiModel";

    /// <summary>Gets or sets the names of the providers to try, in order.</summary>
    public IList<string> Order { get; set; } = [];

    /// <summary>Gets the providers, by name (case-insensitive).</summary>
    public IDictionary<string, MultiModelProviderOptions> Providers { get; } =
        new Dictionary<string, MultiModelProviderOptions>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets or sets the confidence bar.</summary>
    public MultiModelConfidenceOptions Confidence { get; set; } = new();

    /// <summary>Gets or sets how the chain moves between providers.</summary>
    public MultiModelFailoverOptions Failover { get; set; } = new();

    /// <summary>Gets or sets what telemetry may record; read from the unnamed registration for every chain.</summary>
    public MultiModelTelemetryOptions Telemetry { get; set; } = new();

    /// <inheritdoc/>
    public override string ToString() => $"Order=[{string.Join(", ", Order)}], Providers=[{string.Join(", ", Providers.Keys)}]";
}
