namespace MultiModel;

/// <summary>Represents one attempt of a failover chain: which provider, how it ended, how long it took, how good it was.</summary>
public sealed class ChatAttempt
{
    /// <summary>Gets the zero-based position of this attempt within the call.</summary>
    public required int Index { get; init; }

    /// <summary>Gets the name of the provider that was tried (or skipped).</summary>
    public required string ProviderName { get; init; }

    /// <summary>Gets how the attempt ended.</summary>
    public required ChatAttemptOutcome Outcome { get; init; }

    /// <summary>Gets the class of the failure, or <see cref="ChatErrorClass.None"/>.</summary>
    public ChatErrorClass ErrorClass { get; init; }

    /// <summary>Gets the HTTP status of the failure, when there was one.</summary>
    public int? StatusCode { get; init; }

    /// <summary>Gets the provider's error type (for example <c>overloaded_error</c>), when it sent one.</summary>
    public string? ErrorType { get; init; }

    /// <summary>Gets the failure, when the attempt failed.</summary>
    public Exception? Exception { get; init; }

    /// <summary>Gets why the provider was skipped, when it was: <c>cooldown</c>, <c>circuit-open</c>, <c>max-attempts</c>, or why it cannot take the request (for example <c>unsupported: temperature 1.5 outside 0–1</c>).</summary>
    public string? SkipReason { get; init; }

    /// <summary>Gets how long the attempt took, from its start to its answer or failure.</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>Gets how long the first streamed content took to arrive, for streamed attempts that produced any.</summary>
    public TimeSpan? TimeToFirstContent { get; init; }

    /// <summary>Gets the confidence given to the attempt's answer, when it produced one.</summary>
    public ConfidenceScore? Confidence { get; init; }

    /// <summary>Gets the tokens the attempt consumed, when the provider reported them.</summary>
    public ChatUsage? Usage { get; init; }

    /// <summary>Gets the model that answered, when the attempt produced an answer.</summary>
    public string? ModelId { get; init; }

    /// <summary>Gets a value indicating whether this attempt was started by hedging, in parallel with an earlier one.</summary>
    public bool Hedged { get; init; }

    /// <summary>Gets how many characters of answer text this attempt's stream delivered to the caller.</summary>
    /// <value>
    /// Set for the streamed attempt whose answer reached the caller (also when its stream broke afterwards, and for
    /// the attempt that continued a broken stream: its own characters, after any repeated ones were removed);
    /// <see langword="null"/> for every other attempt.
    /// </value>
    public int? DeliveredTextLength { get; init; }

    /// <inheritdoc/>
    public override string ToString()
    {
        var detail = ErrorClass != ChatErrorClass.None
            ? StatusCode is { } status ? $" {ErrorClass} {status}" : $" {ErrorClass}"
            : string.Empty;
        var confidence = Confidence is null ? string.Empty : $" confidence={Confidence.Value:0.###}";
        var delivered = Outcome == ChatAttemptOutcome.Failed && DeliveredTextLength is { } length ? $" after delivering {length} characters" : string.Empty;
        return $"#{Index} {ProviderName}: {Outcome}{detail} in {Duration.TotalMilliseconds:0} ms{delivered}{confidence}";
    }
}
