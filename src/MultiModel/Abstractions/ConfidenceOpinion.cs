using MultiModel.Internal;

namespace MultiModel;

/// <summary>Represents one scorer's opinion of an answer's confidence, with its provenance.</summary>
public sealed class ConfidenceOpinion
{
    /// <summary>Initializes a new instance of the <see cref="ConfidenceOpinion"/> class.</summary>
    /// <param name="source">The scorer that gave the opinion (for example <c>structural</c> or <c>logprobs</c>).</param>
    /// <param name="value">The confidence, from 0 to 1.</param>
    /// <param name="reason">A short explanation, or <see langword="null"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="source"/> is null or white space.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is outside [0, 1].</exception>
    public ConfidenceOpinion(string source, double value, string? reason = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        if (!UnitInterval.Contains(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "A confidence is between 0 and 1.");
        }

        Source = source;
        Value = value;
        Reason = reason;
    }

    /// <summary>Gets the scorer that gave the opinion.</summary>
    public string Source { get; }

    /// <summary>Gets the confidence, from 0 to 1.</summary>
    public double Value { get; }

    /// <summary>Gets a short explanation of the value, or <see langword="null"/>.</summary>
    public string? Reason { get; }

    /// <summary>Gets the tokens the scorer itself consumed (for example a judge model's call), when it made a model call.</summary>
    /// <value>The default value is <see langword="null"/> (the scorer made no model call).</value>
    public ChatUsage? Usage { get; init; }

    /// <inheritdoc/>
    public override string ToString() => Reason is null ? $"{Source}={Value:0.###}" : $"{Source}={Value:0.###} ({Reason})";
}
