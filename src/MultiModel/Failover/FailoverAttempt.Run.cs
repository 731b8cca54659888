using System.Diagnostics;
using System.Runtime.ExceptionServices;
using MultiModel.Confidence;
using MultiModel.Internal;

namespace MultiModel.Failover;

/// <summary>The attempt's own flow: the provider call or the head of its stream, then the score; and the rest of a released stream.</summary>
internal sealed partial class FailoverAttempt
{
    private CancellationToken Token => _linked!.Token;

    /// <summary>Gets the token for scoring: caller and abort, not the attempt timeout.</summary>
    private CancellationToken ScoringToken => _abort?.Token ?? _call.CallerToken;

    /// <summary>Scores the whole answer, unless it already was: stops the clock and builds the streamed answer first.</summary>
    public async ValueTask ScoreWholeAsync()
    {
        if (Score is not null && !ScoreIsPartial)
        {
            return;
        }

        _timer?.CancelAfter(Timeout.InfiniteTimeSpan);
        _duration = Elapsed;
        Response ??= Stream!.Answer.ToResponse();
        Score = await Options.Confidence.ScoreResponseAsync(_call.Request, Response, ScoringToken).ConfigureAwait(false);
        ScoreIsPartial = false;
    }

    /// <summary>Reads the next update of a released stream; <see langword="null"/> when the stream failed or ended early (see <see cref="Failure"/>).</summary>
    /// <remarks>
    /// The attempt timer runs only during each read: once a stream is released, it bounds the provider's silence before
    /// each update, not the time the caller spends on one.
    /// </remarks>
    public async ValueTask<ChatResponseUpdate?> ReadTailAsync()
    {
        _timer?.CancelAfter(Options.AttemptTimeout);
        try
        {
            await ReadAsync(hold: false).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Failure = ex;
            return null;
        }

        _timer?.CancelAfter(Timeout.InfiniteTimeSpan);
        return Stream!.Enumerator.Current;
    }

    private async Task RunAsync()
    {
        if (Telemetry?.Span is { } span)
        {
            // Scoped to this flow: the provider's own spans (HTTP) become children of the attempt's span.
            Activity.Current = span;
        }

        // The one hand-off of the attempt's deadline: the provider's transport copies it onto each HTTP request.
        AttemptDeadline.Set(_timer is null ? null : Settings.TimeProvider.GetUtcNow() + Options.AttemptTimeout);
        try
        {
            if (_call.Streaming)
            {
                await ReadHeadAsync().ConfigureAwait(false);
                _timer?.CancelAfter(Timeout.InfiniteTimeSpan); // paused until the first read of the tail: judging and relaying the head is not the provider's silence
            }
            else
            {
                Response = await Provider.GetResponseAsync(_call.AttemptRequest, Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            Failure = ex;
            return;
        }

        try
        {
            if (IsComplete)
            {
                await ScoreWholeAsync().ConfigureAwait(false);
            }
            else if (Settings.HasHeadBuffer)
            {
                Score = await Options.Confidence.ScoreAsync(ConfidenceContext.FromHead(_call.Request, Stream!.Answer), ScoringToken).ConfigureAwait(false);
                ScoreIsPartial = true;
            }
        }
        catch (Exception ex)
        {
            ScorerFailure = ExceptionDispatchInfo.Capture(ex);
        }
    }

    /// <summary>Reads a stream up to its first content and, with a head buffer, until the head is long enough, old enough or complete.</summary>
    private async Task ReadHeadAsync()
    {
        // After a break, the stream continues the partial answer the request asks the provider to continue.
        var (request, partial) = (_call.AttemptRequest, _call.PartialAnswer);
        var enumerator = Provider.GetStreamingResponseAsync(request, Token).GetAsyncEnumerator(Token);
        var stream = Stream = new AttemptStream(enumerator, Provider.Name, partial, partial is null ? null : request.Messages[^1].Text);
        while (!stream.HasContent && stream.Final is null)
        {
            await ReadAsync(hold: true).ConfigureAwait(false);
        }

        var (length, due) = (Options.HeadBufferLength, Options.HeadBufferTime is { } time ? _timeToFirstContent + time : null);
        while (Settings.HasHeadBuffer && stream.Final is null && (length == 0 || stream.ContentLength < length))
        {
            var move = stream.PendingMove = stream.Enumerator.MoveNextAsync().AsTask();
            if (due is { } limit && !move.IsCompleted)
            {
                try
                {
                    await move.WaitAsync(TimeSpan.FromTicks(Math.Max(0, (limit - Elapsed).Ticks)), Settings.TimeProvider, ScoringToken).ConfigureAwait(false);
                }
                catch (TimeoutException)
                {
                    return; // the head is old enough: it is released, and the move stays pending for the tail
                }
            }

            await ReadAsync(hold: true).ConfigureAwait(false);
        }
    }

    /// <summary>Reads the next update into the stream (a move left pending first); a stream that ends before its final update is malformed.</summary>
    private async ValueTask ReadAsync(bool hold)
    {
        var stream = Stream!;
        if (!await stream.MoveNextAsync().ConfigureAwait(false))
        {
            throw new ChatProviderException(Provider.Name, ChatProviderErrorKind.MalformedResponse, $"The stream of '{Provider.Name}' ended without a final update.");
        }

        if (stream.AddCurrent(hold))
        {
            _timeToFirstContent = Elapsed;
        }
    }

    /// <summary>Ends a move still in flight and disposes the provider's enumerator.</summary>
    private async ValueTask DisposeStreamAsync()
    {
        if (Stream is not { } stream)
        {
            return;
        }

        try
        {
            if (stream.PendingMove is { IsCompleted: false } pending)
            {
                Abort();
                await ((Task)pending).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }

            await stream.Enumerator.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception) when (Token.IsCancellationRequested || Failure is not null)
        {
            // The attempt is over; a provider that fails while being torn down changes nothing.
        }
    }
}
