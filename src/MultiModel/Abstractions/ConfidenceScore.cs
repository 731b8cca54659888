using MultiModel.Internal;

namespace MultiModel;

/// <summary>Represents the combined confidence of an answer and the opinions it came from.</summary>
public sealed class ConfidenceScore
{
    /// <summary>Initializes a new instance of the <see cref="ConfidenceScore"/> class.</summary>
    /// <param name="value">The combined confidence, from 0 to 1.</param>
    /// <param name="threshold">The threshold the answer was compared with.</param>
    /// <param name="opinions">The opinions that were combined.</param>
    /// <exception cref="ArgumentNullException"><paramref name="opinions"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> or <paramref name="threshold"/> is outside [0, 1].</exception>
    public ConfidenceScore(double value, double threshold, IEnumerable<ConfidenceOpinion> opinions)
        : this(value, threshold, [.. opinions ?? throw new ArgumentNullException(nameof(opinions))])
    {
    }

    private ConfidenceScore(double value, double threshold, ConfidenceOpinion[] opinions)
    {
        if (!UnitInterval.Contains(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "A confidence is between 0 and 1.");
        }

        if (!UnitInterval.Contains(threshold))
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "A threshold is between 0 and 1.");
        }

        Value = value;
        Threshold = threshold;
        Opinions = opinions;
    }

    /// <summary>Creates a score that takes ownership of <paramref name="opinions"/> (no copy); the caller must not change the array.</summary>
    internal static ConfidenceScore Create(double value, double threshold, ConfidenceOpinion[] opinions) => new(value, threshold, opinions);

    /// <summary>Gets the combined confidence, from 0 to 1.</summary>
    public double Value { get; }

    /// <summary>Gets the threshold the answer was compared with.</summary>
    public double Threshold { get; }

    /// <summary>Gets a value indicating whether the confidence meets the threshold (<c>Value &gt;= Threshold</c>).</summary>
    public bool MeetsThreshold => Value >= Threshold;

    /// <summary>Gets every opinion that was combined, in the order the scorers ran.</summary>
    public IReadOnlyList<ConfidenceOpinion> Opinions { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{Value:0.###} (threshold {Threshold:0.###}: {string.Join(", ", Opinions)})";
}
