namespace MultiModel.Testing;

/// <summary>The queue of steps the fake answers with, in order.</summary>
public sealed partial class FakeChatProvider
{
    /// <summary>Gets the number of queued steps not used yet.</summary>
    public int PendingStepCount
    {
        get
        {
            lock (_gate)
            {
                return _steps.Count;
            }
        }
    }

    /// <summary>Queues a step for a later call.</summary>
    /// <param name="step">The step.</param>
    /// <returns>This provider, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="step"/> is <see langword="null"/>.</exception>
    public FakeChatProvider Enqueue(FakeChatStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        lock (_gate)
        {
            _steps.Enqueue(step);
        }

        return this;
    }

    /// <summary>Queues an answer with the given text.</summary>
    /// <param name="text">The answer text.</param>
    /// <param name="finishReason">The reason the fake model stopped.</param>
    /// <returns>This provider, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    public FakeChatProvider EnqueueAnswer(string text, ChatFinishReason finishReason = ChatFinishReason.Stop) =>
        Enqueue(FakeChatStep.Answer(text, finishReason));

    /// <summary>Queues a whole response, returned as it is.</summary>
    /// <param name="response">The response.</param>
    /// <returns>This provider, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="response"/> is <see langword="null"/>.</exception>
    public FakeChatProvider EnqueueResponse(ChatResponse response) => Enqueue(FakeChatStep.Respond(response));

    /// <summary>Queues a failure thrown before any answer.</summary>
    /// <param name="exception">The exception, for example one made by <see cref="Failure"/>.</param>
    /// <returns>This provider, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="exception"/> is <see langword="null"/>.</exception>
    public FakeChatProvider EnqueueFailure(Exception exception) => Enqueue(FakeChatStep.Failure(exception));

    /// <summary>Queues a stream of the given pieces.</summary>
    /// <param name="pieces">The text pieces, in order.</param>
    /// <returns>This provider, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="pieces"/> or one of its items is <see langword="null"/>.</exception>
    public FakeChatProvider EnqueueStream(params string[] pieces) => Enqueue(FakeChatStep.Stream(pieces));

    /// <summary>Queues a call that never answers until it is cancelled.</summary>
    /// <returns>This provider, for chaining.</returns>
    public FakeChatProvider EnqueueHang() => Enqueue(FakeChatStep.Hang());

    /// <summary>Removes every queued step and every recorded request.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _steps.Clear();
            _requests.Clear();
        }

        Volatile.Write(ref _streamingCalls, 0);
    }
}
