namespace MultiModel;

/// <summary>Represents the end of a failover chain without an acceptable answer: every attempt, the best answer if any, and why it gave up.</summary>
/// <remarks>
/// <para>
/// <see cref="Exception.InnerException"/> is the last provider failure (with its stack trace), or
/// <see langword="null"/> when no provider failed (for example when every answer was below the threshold or every
/// provider was skipped). Fail-fast errors (<see cref="ChatFailoverReason.FailedFast"/>) are reported with this
/// type too, so callers catch one type; the provider's exception stays reachable as the inner exception.
/// </para>
/// <para>
/// The message lists the attempts (provider, outcome, error class, status, duration). It contains no request or
/// answer text and no secrets; <see cref="PartialText"/> and <see cref="BestResponse"/> hold model output.
/// </para>
/// </remarks>
public sealed class ChatFailoverException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="ChatFailoverException"/> class.</summary>
    public ChatFailoverException()
        : this("No provider of the failover chain produced an acceptable answer.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ChatFailoverException"/> class with a message.</summary>
    /// <param name="message">The message that describes the error.</param>
    public ChatFailoverException(string message)
        : this(message, innerException: null)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ChatFailoverException"/> class with a message and a cause.</summary>
    /// <param name="message">The message that describes the error.</param>
    /// <param name="innerException">The last provider failure, or <see langword="null"/>.</param>
    public ChatFailoverException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Gets the name of the failover chain that gave up.</summary>
    public string ChainName { get; init; } = string.Empty;

    /// <summary>Gets why the chain gave up.</summary>
    public ChatFailoverReason Reason { get; init; }

    /// <summary>Gets the class of the last failure, or <see cref="ChatErrorClass.None"/> when no provider failed.</summary>
    public ChatErrorClass ErrorClass { get; init; }

    /// <summary>Gets every attempt, in the order they started (skipped providers included).</summary>
    public IReadOnlyList<ChatAttempt> Attempts { get; init; } = [];

    /// <summary>Gets the answer with the highest confidence among those below the threshold, flagged <see cref="ChatResponse.IsBelowThreshold"/>, if any.</summary>
    public ChatResponse? BestResponse { get; init; }

    /// <summary>Gets the text a stream delivered to the caller before it failed (or, for <see cref="ChatFailoverReason.BelowThresholdAfterContent"/>, the whole answer).</summary>
    /// <value><see langword="null"/> unless <see cref="Reason"/> is <see cref="ChatFailoverReason.FailedAfterContent"/> or <see cref="ChatFailoverReason.BelowThresholdAfterContent"/>.</value>
    public string? PartialText { get; init; }
}
