namespace MultiModel.Confidence;

/// <summary>Gives an opinion of how far an answer can be trusted, or no opinion.</summary>
/// <remarks>
/// <para>
/// Implementations are thread-safe: a <see cref="ConfidencePolicy"/> calls one scorer for many answers at once.
/// A scorer returns <see langword="null"/> when it has nothing to say about an answer (for example a log-probability
/// scorer on an answer without log probabilities, or a validator on partial text it cannot judge yet).
/// </para>
/// <para>
/// Exceptions other than <see cref="OperationCanceledException"/> escape to the caller of the failover chain:
/// a scorer that throws is a bug or a configuration problem, not a provider failure.
/// </para>
/// </remarks>
public interface IConfidenceScorer
{
    /// <summary>Scores an answer (or the head of a streamed answer).</summary>
    /// <param name="context">The answer and the request it answers.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>An opinion with a value from 0 to 1, or <see langword="null"/> for no opinion.</returns>
    ValueTask<ConfidenceOpinion?> ScoreAsync(ConfidenceContext context, CancellationToken cancellationToken);
}
