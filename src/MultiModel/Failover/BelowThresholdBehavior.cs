namespace MultiModel.Failover;

/// <summary>Chooses what a <see cref="FailoverChatClient"/> does when no provider gives an answer that meets the confidence threshold.</summary>
public enum BelowThresholdBehavior
{
    /// <summary>Throw <see cref="ChatFailoverException"/>, which carries every attempt and the best answer, if any (manual intervention).</summary>
    Throw,

    /// <summary>Return the answer with the highest confidence, flagged with <see cref="ChatResponse.IsBelowThreshold"/>; throw only when there is none.</summary>
    ReturnBest,
}
