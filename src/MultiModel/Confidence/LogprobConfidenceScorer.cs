using System.Globalization;

namespace MultiModel.Confidence;

/// <summary>Scores an answer by the geometric mean of its token probabilities, <c>exp(mean logprob)</c>.</summary>
/// <remarks>
/// <para>
/// The scorer gives no opinion when the answer carries no log probabilities (Anthropic never returns them; ask
/// for them with <see cref="ChatRequest.IncludeLogprobs"/> where the provider offers them). It also scores the
/// head of a stream, from the tokens received so far.
/// </para>
/// </remarks>
public sealed class LogprobConfidenceScorer : IConfidenceScorer
{
    /// <summary>The <see cref="ConfidenceOpinion.Source"/> of this scorer's opinions.</summary>
    public const string SourceName = "logprobs";

    /// <inheritdoc/>
    public ValueTask<ConfidenceOpinion?> ScoreAsync(ConfidenceContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Logprobs is not { Count: > 0 } logprobs)
        {
            return ValueTask.FromResult<ConfidenceOpinion?>(null);
        }

        var sum = 0.0;
        foreach (var token in logprobs)
        {
            sum += double.IsNaN(token.Logprob) ? double.NegativeInfinity : Math.Min(token.Logprob, 0);
        }

        var value = Math.Clamp(Math.Exp(sum / logprobs.Count), 0, 1);
        var reason = string.Create(CultureInfo.InvariantCulture, $"geometric mean of {logprobs.Count} token probabilities");
        return ValueTask.FromResult<ConfidenceOpinion?>(new ConfidenceOpinion(SourceName, value, reason));
    }
}
