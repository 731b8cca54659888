using System.Globalization;
using System.Text;
using MultiModel.Testing.Internal;

namespace MultiModel.Testing;

/// <summary>Represents what the <see cref="ProviderEmulator"/> does with one request: answer, fail, or break in a chosen way.</summary>
/// <remarks>
/// <para>
/// Behaviours are immutable; the <c>With…</c> methods return modified copies. Each behaviour speaks the wire format
/// of the endpoint it is queued on, and follows the request's <c>stream</c> flag: JSON for whole calls, SSE for
/// streamed calls. Answers are split into deltas of about one token (a word with its leading space). As the real
/// APIs do, an answer longer than the request's token limit (Anthropic <c>max_tokens</c>; xAI
/// <c>max_completion_tokens</c> or <c>max_tokens</c>) is cut at the limit and ends with <c>max_tokens</c> / <c>length</c>.
/// </para>
/// <para>
/// A request that continues a partial answer (a final assistant message, or an assistant message followed by
/// <see cref="ChatRequest.ContinuationInstruction"/>) is answered like a model continuing it: when the answer text
/// starts with the partial answer, only the rest is sent.
/// </para>
/// </remarks>
public sealed class EmulatorBehavior
{
    private static readonly string[] CannedWords =
    [
        "The", "quick", "answer", "is", "that", "the", "emulator", "writes", "plain", "words", "so", "each", "one",
        "counts", "as", "a", "token", "and", "the", "text", "stays", "the", "same", "on", "every", "run",
    ];

    private EmulatorBehavior(EmulatorBehaviorKind kind)
    {
        Kind = kind;
    }

    /// <summary>Gets the time the emulator waits before it sends the response headers.</summary>
    public TimeSpan HeaderDelay { get; private init; }

    /// <summary>Gets the time the emulator waits before each streamed delta (for a whole answer: per delta, before the body).</summary>
    public TimeSpan DeltaDelay { get; private init; }

    /// <summary>Gets the probability given to every token when the request asks for log probabilities (xAI only).</summary>
    /// <value>The default value is <see langword="null"/>, which gives each token a probability of 0.95.</value>
    public double? LogprobProbability { get; private init; }

    internal EmulatorBehaviorKind Kind { get; }

    internal string? Text { get; private init; }

    internal EmulatorFinish Finish { get; private init; }

    internal int StatusCode { get; private init; }

    internal string? Message { get; private init; }

    internal string? ErrorType { get; private init; }

    internal TimeSpan? RetryAfter { get; private init; }

    internal int AfterDeltas { get; private init; }

    /// <summary>Creates a behaviour that answers normally (<c>end_turn</c> / <c>stop</c>).</summary>
    /// <param name="text">The answer text, or <see langword="null"/> for the emulator's default answer.</param>
    /// <returns>A new behaviour.</returns>
    public static EmulatorBehavior Answer(string? text = null) => new(EmulatorBehaviorKind.Answer) { Text = text };

    /// <summary>Creates a behaviour that answers with a deterministic text of about the given number of tokens.</summary>
    /// <param name="approximateTokens">The number of tokens (and deltas) wanted.</param>
    /// <returns>A new behaviour.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="approximateTokens"/> is less than 1.</exception>
    public static EmulatorBehavior CannedAnswer(int approximateTokens) => Answer(CannedText(approximateTokens));

    /// <summary>Creates a deterministic text of about the given number of tokens: that many words, ending with a period.</summary>
    /// <param name="approximateTokens">The number of tokens (words) wanted.</param>
    /// <returns>The text; the same for the same count.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="approximateTokens"/> is less than 1.</exception>
    public static string CannedText(int approximateTokens)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(approximateTokens, 1);
        var builder = new StringBuilder(approximateTokens * 6);
        for (var i = 0; i < approximateTokens; i++)
        {
            if (i > 0)
            {
                builder.Append(' ');
            }

            builder.Append(CannedWords[i % CannedWords.Length]);
        }

        return builder.Append('.').ToString();
    }

    /// <summary>Creates a behaviour that answers but stops at the token limit (<c>max_tokens</c> / <c>length</c>).</summary>
    /// <param name="text">The cut answer text, or <see langword="null"/> for the emulator's default answer.</param>
    /// <returns>A new behaviour.</returns>
    public static EmulatorBehavior Truncated(string? text = null) =>
        new(EmulatorBehaviorKind.Answer) { Text = text, Finish = EmulatorFinish.Length };

    /// <summary>Creates a behaviour that refuses (Anthropic <c>stop_reason: refusal</c>; xAI <c>finish_reason: content_filter</c>).</summary>
    /// <param name="text">The refusal text.</param>
    /// <returns>A new behaviour.</returns>
    public static EmulatorBehavior Refusal(string text = "I can't help with that request.") =>
        new(EmulatorBehaviorKind.Answer) { Text = text ?? string.Empty, Finish = EmulatorFinish.Refusal };

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

    /// <summary>Returns a copy of this behaviour that waits before sending the response headers.</summary>
    /// <param name="delay">The time to wait, measured by the emulator's <see cref="TimeProvider"/>.</param>
    /// <returns>A new behaviour.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delay"/> is negative.</exception>
    public EmulatorBehavior WithHeaderDelay(TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        return Copy(delay, DeltaDelay, LogprobProbability);
    }

    /// <summary>Returns a copy of this behaviour that waits before each delta it sends.</summary>
    /// <param name="delay">The time to wait, measured by the emulator's <see cref="TimeProvider"/>.</param>
    /// <returns>A new behaviour.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delay"/> is negative.</exception>
    public EmulatorBehavior WithDeltaDelay(TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        return Copy(HeaderDelay, delay, LogprobProbability);
    }

    /// <summary>Returns a copy of this behaviour whose tokens get the given probability when the request asks for log probabilities (xAI only).</summary>
    /// <param name="probability">The probability of every token, greater than 0 and at most 1 (for example 0.99 or 0.2).</param>
    /// <returns>A new behaviour.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="probability"/> is not in (0, 1].</exception>
    public EmulatorBehavior WithLogprobs(double probability)
    {
        if (double.IsNaN(probability) || probability <= 0 || probability > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(probability), probability, "A probability is greater than 0 and at most 1.");
        }

        return Copy(HeaderDelay, DeltaDelay, probability);
    }

    /// <inheritdoc/>
    public override string ToString()
    {
        var what = Kind switch
        {
            EmulatorBehaviorKind.Answer => Finish == EmulatorFinish.Stop ? "Answer" : Finish.ToString(),
            EmulatorBehaviorKind.Status => string.Create(CultureInfo.InvariantCulture, $"Status {StatusCode}"),
            EmulatorBehaviorKind.StreamCut or EmulatorBehaviorKind.StreamError or EmulatorBehaviorKind.StreamStall => string.Create(CultureInfo.InvariantCulture, $"{Kind} after {AfterDeltas} deltas"),
            _ => Kind.ToString(),
        };
        return HeaderDelay > TimeSpan.Zero ? string.Create(CultureInfo.InvariantCulture, $"{what} after {HeaderDelay.TotalMilliseconds:0} ms") : what;
    }

    /// <summary>Returns a copy of this behaviour that answers (or starts to answer) with the given text.</summary>
    internal EmulatorBehavior WithText(string? text) => Copy(HeaderDelay, DeltaDelay, LogprobProbability, text);

    private EmulatorBehavior Copy(TimeSpan headerDelay, TimeSpan deltaDelay, double? logprobProbability) => Copy(headerDelay, deltaDelay, logprobProbability, Text);

    private EmulatorBehavior Copy(TimeSpan headerDelay, TimeSpan deltaDelay, double? logprobProbability, string? text) => new(Kind)
    {
        HeaderDelay = headerDelay,
        DeltaDelay = deltaDelay,
        LogprobProbability = logprobProbability,
        Text = text,
        Finish = Finish,
        StatusCode = StatusCode,
        Message = Message,
        ErrorType = ErrorType,
        RetryAfter = RetryAfter,
        AfterDeltas = AfterDeltas,
    };
}
