namespace MultiModel.Samples.HostedService;

/// <summary>The monitor's settings (section <c>Monitor</c>; <c>--batches N</c> sets <see cref="Batches"/>).</summary>
internal sealed class MonitorOptions
{
    public const string SectionName = "Monitor";

    /// <summary>Gets or sets how many batches to analyse before stopping; 0 runs until Ctrl+C.</summary>
    public int Batches { get; set; }

    /// <summary>Gets or sets the time between two batches from the sensor.</summary>
    public TimeSpan BatchInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Gets or sets the number of samples in one batch.</summary>
    public int SamplesPerBatch { get; set; } = 6;

    /// <summary>Gets or sets which replica this is when <c>--replicas</c> runs several (its logs carry it), or <see langword="null"/> for one.</summary>
    public int? Replica { get; set; }

    /// <summary>Gets or sets the time between two health reports.</summary>
    public TimeSpan HealthLogInterval { get; set; } = TimeSpan.FromSeconds(5);
}
