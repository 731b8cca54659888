using MultiModel.Testing.Internal;

namespace MultiModel.Testing;

/// <summary>Represents one scripted reaction of a <see cref="FakeChatProvider"/> to one call.</summary>
/// <remarks>
/// <para>
/// Steps are immutable; the <c>With…</c> methods return modified copies. Every step works for both whole and
/// streamed calls: a whole answer streams as one text piece plus a final update, and stream pieces are joined into
/// one text for a whole call.
/// </para>
/// </remarks>
public sealed class FakeChatStep
{
    private FakeChatStep(FakeStepKind kind)
    {
        Kind = kind;
    }

    /// <summary>Gets the time the step waits (through the provider's <see cref="TimeProvider"/>) before it answers or fails.</summary>
    public TimeSpan Delay { get; private init; }

    /// <summary>Gets the time the step waits before each streamed piece.</summary>
    public TimeSpan PieceDelay { get; private init; }

    internal FakeStepKind Kind { get; }

    internal string? Text { get; private init; }

    internal ChatFinishReason FinishReason { get; private init; } = ChatFinishReason.Stop;

    internal ChatResponse? Response { get; private init; }

    internal Exception? Exception { get; private init; }

    internal IReadOnlyList<string> Pieces { get; private init; } = [];

    /// <summary>Creates a step that answers with the given text.</summary>
    /// <param name="text">The answer text.</param>
    /// <param name="finishReason">The reason the fake model stopped.</param>
    /// <returns>A new step.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    public static FakeChatStep Answer(string text, ChatFinishReason finishReason = ChatFinishReason.Stop)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new FakeChatStep(FakeStepKind.Answer) { Text = text, FinishReason = finishReason };
    }

    /// <summary>Creates a step that returns the given response as it is.</summary>
    /// <param name="response">The whole response to return; for a streamed call its text becomes one piece.</param>
    /// <returns>A new step.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="response"/> is <see langword="null"/>.</exception>
    public static FakeChatStep Respond(ChatResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return new FakeChatStep(FakeStepKind.Response) { Response = response };
    }

    /// <summary>Creates a step that throws the given exception before any answer or streamed piece.</summary>
    /// <param name="exception">The exception to throw, for example one made by <see cref="FakeChatProvider.Failure"/>.</param>
    /// <returns>A new step.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="exception"/> is <see langword="null"/>.</exception>
    public static FakeChatStep Failure(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return new FakeChatStep(FakeStepKind.Failure) { Exception = exception };
    }

    /// <summary>Creates a step that streams the given pieces, then a final update.</summary>
    /// <param name="pieces">The text pieces, in order; a whole call gets them joined.</param>
    /// <returns>A new step.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="pieces"/> or one of its items is <see langword="null"/>.</exception>
    public static FakeChatStep Stream(params string[] pieces) =>
        new(FakeStepKind.Stream) { Pieces = CopyPieces(pieces) };

    /// <summary>Creates a step that streams the given pieces and then throws, as a stream that breaks midway.</summary>
    /// <param name="exception">The exception thrown after the last piece; a whole call throws it without an answer.</param>
    /// <param name="pieces">The pieces delivered before the failure.</param>
    /// <returns>A new step.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="exception"/>, <paramref name="pieces"/> or one of its items is <see langword="null"/>.</exception>
    public static FakeChatStep StreamThenFail(Exception exception, params string[] pieces)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return new FakeChatStep(FakeStepKind.StreamThenFail) { Exception = exception, Pieces = CopyPieces(pieces) };
    }

    /// <summary>Creates a step that never answers: it waits until the call is cancelled.</summary>
    /// <returns>A new step.</returns>
    public static FakeChatStep Hang() => new(FakeStepKind.Hang);

    /// <summary>Returns a copy of this step that first waits for the given time.</summary>
    /// <param name="delay">The time to wait, measured by the provider's <see cref="TimeProvider"/>.</param>
    /// <returns>A new step.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delay"/> is negative.</exception>
    public FakeChatStep WithDelay(TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        return Copy(delay, PieceDelay);
    }

    /// <summary>Returns a copy of this step that waits for the given time before each streamed piece.</summary>
    /// <param name="delay">The time to wait, measured by the provider's <see cref="TimeProvider"/>.</param>
    /// <returns>A new step.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delay"/> is negative.</exception>
    public FakeChatStep WithPieceDelay(TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        return Copy(Delay, delay);
    }

    /// <inheritdoc/>
    public override string ToString() => Kind switch
    {
        FakeStepKind.Answer => $"Answer \"{Text}\"",
        FakeStepKind.Response => $"Response \"{Response!.Text}\"",
        FakeStepKind.Failure => $"Failure {Exception!.GetType().Name}",
        FakeStepKind.Stream => $"Stream of {Pieces.Count} pieces",
        FakeStepKind.StreamThenFail => $"Stream of {Pieces.Count} pieces then {Exception!.GetType().Name}",
        _ => "Hang",
    };

    private static string[] CopyPieces(string[] pieces)
    {
        ArgumentNullException.ThrowIfNull(pieces);
        foreach (var piece in pieces)
        {
            ArgumentNullException.ThrowIfNull(piece, nameof(pieces));
        }

        return [.. pieces];
    }

    private FakeChatStep Copy(TimeSpan delay, TimeSpan pieceDelay) => new(Kind)
    {
        Delay = delay,
        PieceDelay = pieceDelay,
        Text = Text,
        FinishReason = FinishReason,
        Response = Response,
        Exception = Exception,
        Pieces = Pieces,
    };
}
