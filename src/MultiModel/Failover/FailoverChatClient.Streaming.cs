using System.Runtime.CompilerServices;
using MultiModel.Diagnostics;

namespace MultiModel.Failover;

/// <summary>The streaming half of <see cref="FailoverChatClient"/>.</summary>
/// <remarks>
/// <para>
/// <b>Transparent until the first content.</b> Updates are held back until one carries non-empty
/// <see cref="ChatResponseUpdate.Text"/> or a completed tool call (<see cref="ChatResponseUpdate.ToolCalls"/>). A failure before that (an in-band stream error included) moves the call to
/// the next provider, and the held updates (reasoning-only or metadata pieces) are dropped. From the first released
/// content on, the answer belongs to that provider: a later failure throws <see cref="ChatFailoverException"/> with
/// <see cref="ChatFailoverReason.FailedAfterContent"/> and the text streamed so far; two models are never spliced.
/// </para>
/// <para>
/// <b>Head buffer.</b> With <see cref="FailoverChatClientOptions.HeadBufferLength"/> or
/// <see cref="FailoverChatClientOptions.HeadBufferTime"/>, the head of the answer is also held back and scored as
/// partial text (<see cref="Confidence.ConfidenceContext.IsPartial"/>); a head below the threshold moves the call to
/// the next provider. An answer that ends within the head is scored as a whole before anything is released.
/// </para>
/// <para>
/// <b>The end.</b> The whole answer is scored when the provider's final update arrives; the chain's last update
/// (<see cref="ChatResponseUpdate.IsFinal"/>) carries the usage, finish reason, confidence, threshold flag and every
/// attempt. If that score is below the threshold after content was released, the call cannot fail over any more:
/// under <see cref="BelowThresholdBehavior.ReturnBest"/> the final update is flagged
/// <see cref="ChatResponseUpdate.IsBelowThreshold"/>; under <see cref="BelowThresholdBehavior.Throw"/> the call throws
/// <see cref="ChatFailoverException"/> with <see cref="ChatFailoverReason.BelowThresholdAfterContent"/>, the whole
/// text in <see cref="ChatFailoverException.PartialText"/> and the answer in <see cref="ChatFailoverException.BestResponse"/>.
/// </para>
/// <para>
/// <b>Best answer when streaming.</b> Under <see cref="BelowThresholdBehavior.ReturnBest"/>, a rejected answer can
/// only be returned if it was held whole (it ended within the head); otherwise, when the last candidate's head is
/// rejected and nothing better is held, that head is released anyway and the answer is flagged below the threshold.
/// </para>
/// </remarks>
public sealed partial class FailoverChatClient
{
    private async IAsyncEnumerable<ChatResponseUpdate> StreamAsync(ChatRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var call = new FailoverCall(_settings, request, cancellationToken, streaming: true);
        try
        {
            var updates = StreamCallAsync(call).GetAsyncEnumerator(CancellationToken.None);
            try
            {
                while (true)
                {
                    ChatResponseUpdate update;
                    try
                    {
                        if (!await updates.MoveNextAsync().ConfigureAwait(false))
                        {
                            break;
                        }

                        update = updates.Current;
                    }
                    catch (Exception ex)
                    {
                        call.Telemetry.Failed(ex);
                        throw;
                    }

                    yield return update;
                }
            }
            finally
            {
                // Runs when the stream ends, fails or is abandoned: the attempt in flight is recorded before the call's span ends.
                await updates.DisposeAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            call.Telemetry.End();
        }
    }

    private async IAsyncEnumerable<ChatResponseUpdate> StreamCallAsync(FailoverCall call)
    {
        var request = call.Request;
        var winner = await SelectStreamAsync(call).ConfigureAwait(false);
        var recorded = winner.IsReplay;
        try
        {
            ChatResponseUpdate? final = null;
            foreach (var held in winner.Held)
            {
                if (held.IsFinal)
                {
                    final = held;
                    break;
                }

                yield return held;
            }

            var answer = winner.Answer;
            var attempt = winner.Attempt;
            ConfidenceScore score;
            TimeSpan duration;
            if (winner.IsComplete)
            {
                score = winner.Score!;
                duration = winner.Duration;
            }
            else
            {
                attempt.RestartTimer();
                while (true)
                {
                    var (update, failure) = await winner.NextAsync().ConfigureAwait(false);
                    if (failure is not null || update is null)
                    {
                        recorded = true;
                        throw FailAfterContent(call, winner, failure ?? EndedEarly(attempt));
                    }

                    attempt.RestartTimer();
                    answer.Add(update);
                    if (update.IsFinal)
                    {
                        final = update;
                        break;
                    }

                    yield return update;
                }

                attempt.StopTimer();
                duration = attempt.Elapsed;
                score = await call.Settings.Confidence.ScoreAsync(answer.ToContext(request, partial: false), attempt.ScoringToken).ConfigureAwait(false);
            }

            if (!recorded)
            {
                recorded = true;
                call.RecordAnswer(attempt, score, answer.Usage, answer.ModelId, duration, winner.TimeToFirstContent, new AnswerSummary(answer));
            }

            if (!score.MeetsThreshold && call.Settings.WhenNoneMeetsThreshold == BelowThresholdBehavior.Throw)
            {
                call.OfferBest(answer.ToResponse(score));
                throw call.CreateException(ChatFailoverReason.BelowThresholdAfterContent, answer.Text);
            }

            call.Telemetry.Completed(answer.ProviderName, answer.ModelId, new AnswerSummary(answer), score, !score.MeetsThreshold);
            yield return FailoverResults.CompleteFinal(final!, score, call.Attempts);
        }
        finally
        {
            if (!recorded)
            {
                call.RecordCancelled(winner.Attempt, winner.TimeToFirstContent);
            }

            await winner.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static ChatFailoverException FailAfterContent(FailoverCall call, StreamHead winner, Exception thrown)
    {
        if (call.CallerToken.IsCancellationRequested)
        {
            call.RecordCancelled(winner.Attempt, winner.TimeToFirstContent);
            call.CallerToken.ThrowIfCancellationRequested();
        }

        var failure = thrown;
        var decision = call.Classify(winner.Attempt, ref failure);
        call.RecordFailure(winner.Attempt, failure, decision, winner.TimeToFirstContent);
        return call.CreateException(ChatFailoverReason.FailedAfterContent, winner.Answer.Text, failure);
    }

    private static ChatProviderException EndedEarly(ProviderAttempt attempt) =>
        new(attempt.Provider.Name, ChatProviderErrorKind.MalformedResponse, $"The stream of '{attempt.Provider.Name}' ended without a final update.");
}
