namespace MultiModel;

/// <summary>Describes why a <see cref="Failover.FailoverChatClient"/> gave up.</summary>
public enum ChatFailoverReason
{
    /// <summary>Every provider that was tried failed; none answered.</summary>
    AllFailed,

    /// <summary>Some providers answered, but no answer met the confidence threshold (see <see cref="ChatFailoverException.BestResponse"/>).</summary>
    NoneMetThreshold,

    /// <summary>Every provider was skipped (cooling down, circuit open, or unable to take the request); none was called.</summary>
    AllSkipped,

    /// <summary>A provider failed in a way that another provider would not fix (for example an invalid request), so no other provider was tried.</summary>
    FailedFast,

    /// <summary>A streamed answer failed after its first content reached the caller; see <see cref="ChatFailoverException.PartialText"/>.</summary>
    FailedAfterContent,

    /// <summary>A streamed answer was delivered in full but its confidence is below the threshold; see <see cref="ChatFailoverException.PartialText"/>.</summary>
    BelowThresholdAfterContent,
}
