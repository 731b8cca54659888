namespace MultiModel;

/// <summary>Describes how one attempt of a failover chain ended.</summary>
public enum ChatAttemptOutcome
{
    /// <summary>The provider answered and the answer met the confidence threshold.</summary>
    Succeeded,

    /// <summary>The provider answered but the answer's confidence was below the threshold.</summary>
    BelowThreshold,

    /// <summary>The provider failed (error status, transport error, timeout, broken or malformed answer).</summary>
    Failed,

    /// <summary>The provider was not called: it cannot take the request, is cooling down, has its circuit open, or the attempt limit was reached.</summary>
    Skipped,

    /// <summary>The attempt was cancelled: by the caller, or because a hedged attempt won.</summary>
    Cancelled,
}
