namespace MultiModel.Confidence;

/// <summary>Scores an answer by its shape: how it ended and whether it has any text.</summary>
/// <remarks>
/// <para>
/// A whole answer scores 0 when its text is empty or white space, 0 when the provider refused or filtered it
/// (<see cref="ChatFinishReason.ContentFilter"/>), <see cref="TruncatedConfidence"/> when a token limit cut it
/// (<see cref="ChatFinishReason.Length"/>), and 1 otherwise (a normal stop carries no penalty). The scorer gives
/// no opinion on the partial head of a stream, whose end is not known yet.
/// </para>
/// </remarks>
public sealed class StructuralConfidenceScorer : IConfidenceScorer
{
    /// <summary>The <see cref="ConfidenceOpinion.Source"/> of this scorer's opinions.</summary>
    public const string SourceName = "structural";

    /// <summary>The opinion on a complete answer, shared because opinions are immutable and it is by far the most common.</summary>
    private static readonly ConfidenceOpinion Complete = new(SourceName, 1, "complete");

    private double _truncatedConfidence = 0.3;

    /// <summary>Gets or sets the confidence given to an answer cut by a token limit.</summary>
    /// <value>The default value is 0.3.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside [0, 1].</exception>
    public double TruncatedConfidence
    {
        get => _truncatedConfidence;
        set
        {
            if (double.IsNaN(value) || value < 0 || value > 1)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "A confidence is between 0 and 1.");
            }

            _truncatedConfidence = value;
        }
    }

    /// <inheritdoc/>
    public ValueTask<ConfidenceOpinion?> ScoreAsync(ConfidenceContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ValueTask.FromResult(Score(context));
    }

    /// <summary>Scores a whole answer from its text and finish reason, without a <see cref="ConfidenceContext"/>.</summary>
    internal ConfidenceOpinion ScoreWhole(string text, ChatFinishReason? finishReason)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new ConfidenceOpinion(SourceName, 0, "empty answer");
        }

        return finishReason switch
        {
            ChatFinishReason.ContentFilter => new ConfidenceOpinion(SourceName, 0, "refused or filtered"),
            ChatFinishReason.Length => new ConfidenceOpinion(SourceName, TruncatedConfidence, "truncated by a token limit"),
            _ => Complete,
        };
    }

    private ConfidenceOpinion? Score(ConfidenceContext context)
    {
        if (context.IsPartial)
        {
            return null;
        }

        return ScoreWhole(context.Text, context.FinishReason);
    }
}
