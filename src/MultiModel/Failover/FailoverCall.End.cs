namespace MultiModel.Failover;

/// <summary>How a call ends: the whole answer returned, the stream finished, the failure reported, the records closed.</summary>
internal sealed partial class FailoverCall
{
    /// <summary>Records the attempt whose whole answer is returned and gives the answer, with its confidence and every attempt.</summary>
    public ChatResponse Complete(FailoverAttempt winner)
    {
        winner.EndAnswered();
        var response = WithReport(winner.Response!, winner.Score!, Attempts);
        Telemetry.Completed(winner, response.ProviderName, response.ModelId, winner.Score!);
        return response;
    }

    /// <summary>Scores and records a stream that ended, and gives the chain's final update; throws when the answer is below the threshold under <see cref="BelowThresholdBehavior.Throw"/>.</summary>
    public async Task<ChatResponseUpdate> FinishStreamAsync(FailoverAttempt winner)
    {
        try
        {
            if (winner.Report is null)
            {
                await winner.ScoreWholeAsync().ConfigureAwait(false);
                winner.EndAnswered();
            }

            var (answer, score) = (winner.Response!, winner.Score!);
            if (!score.MeetsThreshold && Options.WhenNoneMeetsThreshold == BelowThresholdBehavior.Throw)
            {
                OfferBest(winner);
                throw CreateException(ChatFailoverReason.BelowThresholdAfterContent, answer.Text);
            }

            Telemetry.Completed(winner, answer.ProviderName, answer.ModelId, score);
            var final = winner.Stream!.Final!;
            return new ChatResponseUpdate(final)
            {
                Confidence = score,
                IsBelowThreshold = !score.MeetsThreshold,
                Attempts = Attempts,
                Resumptions = WithNested(final.Resumptions, winner.Stream.Start - winner.Stream.OverlapLength),
            };
        }
        catch (Exception ex)
        {
            Telemetry.Failed(ex);
            throw;
        }
    }

    /// <summary>Ends the call: attempts still open (a stream abandoned, an attempt the caller's cancellation cut short) end as cancelled, the records are disposed, then the call's span ends.</summary>
    public async ValueTask EndAsync()
    {
        try
        {
            for (var i = 0; i < _next; i++)
            {
                if (_attempts[i] is { } attempt)
                {
                    if (attempt.Report is null)
                    {
                        attempt.End(ChatAttemptOutcome.Cancelled);
                    }

                    await attempt.DisposeUnlessReleasedAsync().ConfigureAwait(false);
                }
            }
        }
        finally
        {
            Telemetry.End();
        }
    }

    /// <summary>Copies a provider's answer with the chain's confidence, threshold flag, attempts and resumptions.</summary>
    private ChatResponse WithReport(ChatResponse response, ConfidenceScore score, IReadOnlyList<ChatAttempt> attempts) => new(response)
    {
        Confidence = score,
        IsBelowThreshold = !score.MeetsThreshold,
        Attempts = attempts,
        Resumptions = Resumptions,
    };

    /// <summary>Gets this call's resumptions followed by those a nested chain reported for the final stream (moved by where that stream starts in the answer).</summary>
    private IReadOnlyList<ChatResumption> WithNested(IReadOnlyList<ChatResumption>? nested, int start) => nested is not { Count: > 0 }
        ? Resumptions
        : [.. Resumptions, .. nested.Select(r => new ChatResumption { Offset = start + r.Offset, BrokenProviderName = r.BrokenProviderName, ProviderName = r.ProviderName, OverlapLength = r.OverlapLength })];
}
