namespace MultiModel.Failover;

/// <summary>Represents what a <see cref="IChatErrorClassifier"/> concluded about one failure: its class and whether to try the next provider.</summary>
/// <param name="ErrorClass">The class of the failure, recorded on the attempt.</param>
/// <param name="ShouldFailOver"><see langword="true"/> to try the next provider; <see langword="false"/> to stop and throw at once.</param>
public readonly record struct ChatErrorDecision(ChatErrorClass ErrorClass, bool ShouldFailOver)
{
    /// <summary>Creates a decision to try the next provider.</summary>
    /// <param name="errorClass">The class of the failure.</param>
    /// <returns>A decision with <see cref="ShouldFailOver"/> set.</returns>
    public static ChatErrorDecision FailOver(ChatErrorClass errorClass) => new(errorClass, true);

    /// <summary>Creates a decision to stop at once.</summary>
    /// <param name="errorClass">The class of the failure.</param>
    /// <returns>A decision with <see cref="ShouldFailOver"/> cleared.</returns>
    public static ChatErrorDecision FailFast(ChatErrorClass errorClass) => new(errorClass, false);
}
