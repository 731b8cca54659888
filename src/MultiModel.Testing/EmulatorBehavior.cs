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
public sealed partial class EmulatorBehavior
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
