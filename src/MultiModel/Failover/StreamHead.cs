namespace MultiModel.Failover;

/// <summary>The start of one streamed attempt, read before anything reaches the caller: held updates, head score, or the failure.</summary>
/// <remarks>
/// The head task fills it; afterwards the orchestrating flow owns it and either streams on from it (the winner) or
/// disposes it. <see cref="DisposeAsync"/> ends a move still in flight, disposes the provider's enumerator and the attempt.
/// </remarks>
internal sealed class StreamHead : IAsyncDisposable
{
    private bool _disposed;

    public StreamHead(ProviderAttempt attempt)
    {
        Attempt = attempt;
        Answer = new StreamedAnswer(attempt.Provider.Name);
    }

    public ProviderAttempt Attempt { get; }

    public IAsyncEnumerator<ChatResponseUpdate>? Enumerator { get; set; }

    /// <summary>Gets the updates read so far, in order; none has reached the caller yet.</summary>
    public List<ChatResponseUpdate> Held { get; } = [];

    public StreamedAnswer Answer { get; }

    /// <summary>Gets or sets a move started while buffering the head whose result has not been read yet.</summary>
    public Task<bool>? PendingMove { get; set; }

    public bool HasContent { get; private set; }

    /// <summary>Gets a value indicating whether the provider's final update is among <see cref="Held"/>.</summary>
    public bool IsComplete { get; private set; }

    public TimeSpan? TimeToFirstContent { get; private set; }

    /// <summary>Gets or sets the score of the whole answer (when complete) or of the head (when a head buffer is on).</summary>
    public ConfidenceScore? Score { get; set; }

    /// <summary>Gets or sets how long the complete answer took, when it was complete before release.</summary>
    public TimeSpan Duration { get; set; }

    public Exception? Failure { get; set; }

    public bool FailedInScorer { get; set; }

    /// <summary>Gets or sets a value indicating whether the answer is replayed from <see cref="Held"/>, its attempt already recorded.</summary>
    public bool IsReplay { get; set; }

    public void Add(ChatResponseUpdate update)
    {
        Held.Add(update);
        Answer.Add(update);
        if (!HasContent && (!string.IsNullOrEmpty(update.Text) || update.ToolCalls is { Count: > 0 }))
        {
            HasContent = true;
            TimeToFirstContent = Attempt.Elapsed;
        }

        IsComplete |= update.IsFinal;
    }

    /// <summary>Reads the next update after the head, without throwing: a failure is returned.</summary>
    public async ValueTask<(ChatResponseUpdate? Update, Exception? Failure)> NextAsync()
    {
        try
        {
            var pending = PendingMove;
            PendingMove = null;
            var hasItem = pending is not null
                ? await pending.ConfigureAwait(false)
                : await Enumerator!.MoveNextAsync().ConfigureAwait(false);
            return hasItem ? (Enumerator!.Current, null) : (null, null);
        }
        catch (Exception ex)
        {
            return (null, ex);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            if (PendingMove is { IsCompleted: false } pending)
            {
                Attempt.Abort();
                await ((Task)pending).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }

            if (Enumerator is not null)
            {
                await Enumerator.DisposeAsync().ConfigureAwait(false);
            }
        }
        catch (Exception) when (Attempt.Token.IsCancellationRequested || Failure is not null)
        {
            // The attempt is over; a provider that fails while being torn down changes nothing.
        }
        finally
        {
            Attempt.Dispose();
        }
    }
}
