using MultiModel.Testing.Internal;

namespace MultiModel.Testing;

/// <summary>The behaviours that fail: error statuses, hangs, broken connections and broken streams.</summary>
public sealed partial class EmulatorBehavior
{
    /// <summary>Creates a behaviour that answers with an HTTP error status and the provider's real error body.</summary>
    /// <param name="statusCode">The status, for example 400, 401, 429, 500, 503 or 529.</param>
    /// <param name="message">The error message, or <see langword="null"/> for the provider's usual message for the status.</param>
    /// <param name="retryAfter">The <c>retry-after</c> to send; <see langword="null"/> sends none, except 1 second for 429.</param>
    /// <returns>A new behaviour.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="statusCode"/> is not between 400 and 599, or <paramref name="retryAfter"/> is negative.</exception>
    public static EmulatorBehavior Status(int statusCode, string? message = null, TimeSpan? retryAfter = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 400);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 599);
        if (retryAfter is { } delay)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero, nameof(retryAfter));
        }

        return new EmulatorBehavior(EmulatorBehaviorKind.Status)
        {
            StatusCode = statusCode,
            Message = message,
            RetryAfter = retryAfter ?? (statusCode == 429 ? TimeSpan.FromSeconds(1) : null),
        };
    }

    /// <summary>Creates a behaviour that rate-limits: HTTP 429 with <c>retry-after</c>.</summary>
    /// <param name="retryAfter">The delay to ask for, or <see langword="null"/> for 1 second.</param>
    /// <returns>A new behaviour.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="retryAfter"/> is negative.</exception>
    public static EmulatorBehavior RateLimited(TimeSpan? retryAfter = null) => Status(429, retryAfter: retryAfter);

    /// <summary>Creates a behaviour that reports overload: Anthropic 529 <c>overloaded_error</c>; xAI 503 "model is at capacity".</summary>
    /// <param name="retryAfter">The <c>retry-after</c> to send, or <see langword="null"/> for none.</param>
    /// <returns>A new behaviour.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="retryAfter"/> is negative.</exception>
    public static EmulatorBehavior Overloaded(TimeSpan? retryAfter = null)
    {
        if (retryAfter is { } delay)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero, nameof(retryAfter));
        }

        return new EmulatorBehavior(EmulatorBehaviorKind.Overloaded) { RetryAfter = retryAfter };
    }

    /// <summary>Creates a behaviour that rejects the prompt as longer than the context window (HTTP 400, the real wording).</summary>
    /// <returns>A new behaviour.</returns>
    public static EmulatorBehavior ContextTooLong() => new(EmulatorBehaviorKind.ContextTooLong);

    /// <summary>Creates a behaviour that never answers: the request hangs until the client disconnects or the emulator stops.</summary>
    /// <returns>A new behaviour.</returns>
    public static EmulatorBehavior Hang() => new(EmulatorBehaviorKind.Hang);

    /// <summary>Creates a behaviour that aborts the connection without a response, as a reset would.</summary>
    /// <returns>A new behaviour.</returns>
    public static EmulatorBehavior ConnectionReset() => new(EmulatorBehaviorKind.ConnectionReset);

    /// <summary>Creates a behaviour that stops the body early: a stream ends after some deltas without its end marker; a JSON body is cut in half.</summary>
    /// <param name="afterDeltas">The number of text deltas sent before the stream ends.</param>
    /// <param name="text">The answer text to start sending, or <see langword="null"/> for the emulator's default answer.</param>
    /// <returns>A new behaviour.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="afterDeltas"/> is negative.</exception>
    public static EmulatorBehavior StreamCut(int afterDeltas = 1, string? text = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterDeltas);
        return new EmulatorBehavior(EmulatorBehaviorKind.StreamCut) { AfterDeltas = afterDeltas, Text = text };
    }

    /// <summary>Creates a behaviour that fails inside a streamed HTTP 200: Anthropic <c>event: error</c>; xAI a chunk with an <c>error</c> object.</summary>
    /// <param name="afterDeltas">The number of text deltas sent before the error event (0: right after the stream starts).</param>
    /// <param name="errorType">The error type, or <see langword="null"/> for <c>overloaded_error</c>.</param>
    /// <param name="message">The error message, or <see langword="null"/> for the provider's overload message.</param>
    /// <returns>A new behaviour. A whole (non-streamed) call gets the matching error status instead.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="afterDeltas"/> is negative.</exception>
    public static EmulatorBehavior StreamError(int afterDeltas = 0, string? errorType = null, string? message = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterDeltas);
        return new EmulatorBehavior(EmulatorBehaviorKind.StreamError) { AfterDeltas = afterDeltas, ErrorType = errorType, Message = message };
    }

    /// <summary>Creates a behaviour that stalls: a stream sends some deltas, then nothing more while the connection stays open; a whole call never answers.</summary>
    /// <param name="afterDeltas">The number of text deltas sent before the silence.</param>
    /// <param name="text">The answer text to start sending, or <see langword="null"/> for the emulator's default answer.</param>
    /// <returns>A new behaviour; the request ends when the client gives up or the emulator stops.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="afterDeltas"/> is negative.</exception>
    public static EmulatorBehavior StreamStall(int afterDeltas = 1, string? text = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterDeltas);
        return new EmulatorBehavior(EmulatorBehaviorKind.StreamStall) { AfterDeltas = afterDeltas, Text = text };
    }

    /// <summary>Creates a behaviour that answers HTTP 200 with a body that is not valid JSON (for streams: one broken event, then the end).</summary>
    /// <returns>A new behaviour.</returns>
    public static EmulatorBehavior MalformedJson() => new(EmulatorBehaviorKind.MalformedJson);

    /// <summary>Creates a behaviour that answers HTTP 200 with an empty body.</summary>
    /// <returns>A new behaviour.</returns>
    public static EmulatorBehavior EmptyBody() => new(EmulatorBehaviorKind.EmptyBody);
}
