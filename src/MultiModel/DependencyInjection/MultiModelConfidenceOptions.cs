using MultiModel.Failover;

namespace MultiModel.DependencyInjection;

/// <summary>Configures the confidence bar of a chain (section <c>MultiModel:Confidence</c>).</summary>
public sealed class MultiModelConfidenceOptions
{
    /// <summary>Gets or sets the confidence an answer needs, from 0 to 1.</summary>
    /// <value>The default value is 0.85.</value>
    public double Threshold { get; set; } = 0.85;

    /// <summary>Gets or sets what happens when no provider gives an answer that meets the threshold.</summary>
    /// <value>The default value is <see cref="BelowThresholdBehavior.Throw"/>.</value>
    public BelowThresholdBehavior WhenNoneMeetsThreshold { get; set; } = BelowThresholdBehavior.Throw;
}
