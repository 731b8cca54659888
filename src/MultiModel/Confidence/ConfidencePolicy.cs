using MultiModel.Internal;

namespace MultiModel.Confidence;

/// <summary>Combines scorers' opinions into one <see cref="ConfidenceScore"/> and compares it with a threshold.</summary>
/// <remarks>
/// <para>
/// <b>Scorers.</b> <see cref="Structural"/> always runs first; the <see cref="Scorers"/> follow in list order.
/// Each gives an opinion from 0 to 1 or none.
/// </para>
/// <para>
/// <b>Combination rule: the minimum.</b> The combined value is the lowest opinion; an answer is only as
/// trustworthy as its weakest check. When no scorer has an opinion, the value is 1 (nothing objects). Once the
/// running minimum is below <see cref="Threshold"/>, the remaining scorers are skipped (the minimum can only
/// fall), so a costly judge is never asked about an answer that has already failed; the score then lists only the
/// opinions given.
/// </para>
/// <para>
/// An answer meets the policy when its value is at least <see cref="Threshold"/> (<see cref="ConfidenceScore.MeetsThreshold"/>).
/// A <c>FailoverChatClient</c> copies the policy when it is constructed; later changes do not affect it.
/// </para>
/// </remarks>
public sealed class ConfidencePolicy
{
    /// <summary>The default <see cref="Threshold"/>.</summary>
    public const double DefaultThreshold = 0.85;

    private double _threshold = DefaultThreshold;
    private StructuralConfidenceScorer _structural = new();
    private ConfidenceScore? _completeScore;

    /// <summary>Gets or sets the lowest combined confidence an answer needs to be accepted.</summary>
    /// <value>The default value is 0.85. Set 0 to accept every answer (the score is still computed).</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside [0, 1].</exception>
    public double Threshold
    {
        get => _threshold;
        set
        {
            if (!UnitInterval.Contains(value))
            {
                throw new ArgumentOutOfRangeException(nameof(Threshold), value, "A threshold is between 0 and 1.");
            }

            _threshold = value;
        }
    }

    /// <summary>Gets or sets the structural scorer, which always runs first.</summary>
    /// <value>The default value is a <see cref="StructuralConfidenceScorer"/> with its defaults.</value>
    /// <exception cref="ArgumentNullException">The value is <see langword="null"/>.</exception>
    public StructuralConfidenceScorer Structural
    {
        get => _structural;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            _structural = value;
        }
    }

    /// <summary>Gets the additional scorers (log probabilities, validators, a judge), run in order after <see cref="Structural"/>.</summary>
    public IList<IConfidenceScorer> Scorers { get; } = [];

    /// <summary>Creates a copy of this policy whose scorer list can be changed without touching the original.</summary>
    /// <returns>A new policy with the same threshold and the same scorer instances.</returns>
    /// <exception cref="InvalidOperationException"><see cref="Scorers"/> holds a <see langword="null"/> element.</exception>
    public ConfidencePolicy Clone()
    {
        var clone = new ConfidencePolicy { Threshold = Threshold, Structural = Structural };
        foreach (var scorer in Scorers)
        {
            clone.Scorers.Add(scorer ?? throw new InvalidOperationException("ConfidencePolicy.Scorers holds a null element."));
        }

        return clone;
    }

    /// <summary>Scores a whole answer; with only the structural scorer, without building a <see cref="ConfidenceContext"/>.</summary>
    /// <remarks>The result is the same as <see cref="ScoreAsync(ConfidenceContext, CancellationToken)"/> on <see cref="ConfidenceContext.FromResponse"/>.</remarks>
    internal ValueTask<ConfidenceScore> ScoreResponseAsync(ChatRequest request, ChatResponse response, CancellationToken cancellationToken)
    {
        if (Scorers.Count != 0)
        {
            return ScoreAsync(ConfidenceContext.FromResponse(request, response), cancellationToken);
        }

        var opinion = Structural.ScoreWhole(response.Text, response.FinishReason, response.ToolCalls.Count, request.ResponseFormat);
        if (opinion.Value >= 1)
        {
            // A complete answer: the same score every time, shared (scores are immutable).
            var complete = _completeScore;
            if (complete is null || complete.Opinions[0] != opinion || complete.Threshold != Threshold)
            {
                complete = ConfidenceScore.Create(opinion.Value, Threshold, [opinion]);
                _completeScore = complete;
            }

            return ValueTask.FromResult(complete);
        }

        return ValueTask.FromResult(ConfidenceScore.Create(opinion.Value, Threshold, [opinion]));
    }

    /// <summary>Scores an answer with every scorer and combines the opinions by their minimum.</summary>
    /// <param name="context">The answer (or head of a stream) and its request.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The combined score, compared with <see cref="Threshold"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="context"/> is <see langword="null"/>.</exception>
    public async ValueTask<ConfidenceScore> ScoreAsync(ConfidenceContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);

        // Sized for every scorer; trimmed only when some gave no opinion or the loop stopped early.
        var opinions = new ConfidenceOpinion[Scorers.Count + 1];
        var count = 0;
        var value = 1.0;
        var threshold = Threshold;
        for (var i = -1; i < Scorers.Count && value >= threshold; i++)
        {
            IConfidenceScorer scorer = i < 0 ? Structural : Scorers[i];
            var opinion = await scorer.ScoreAsync(context, cancellationToken).ConfigureAwait(false);
            if (opinion is not null)
            {
                opinions[count++] = opinion;
                value = Math.Min(value, opinion.Value);
            }
        }

        return ConfidenceScore.Create(value, threshold, count == opinions.Length ? opinions : opinions[..count]);
    }
}
