namespace MultiModel.Failover;

/// <summary>Classifies a provider failure and decides whether a <see cref="FailoverChatClient"/> tries the next provider.</summary>
/// <remarks>
/// <para>
/// The one place where failover rules live. <see cref="DefaultChatErrorClassifier"/> implements the documented
/// defaults; replace it through <see cref="FailoverChatClientOptions.ErrorClassifier"/>, typically by delegating to
/// it for the cases you do not change. Implementations are thread-safe and do not throw.
/// </para>
/// <para>
/// The classifier never sees the caller's cancellation: the client ends the call with
/// <see cref="OperationCanceledException"/> before classifying. An attempt that ran out of
/// <see cref="FailoverChatClientOptions.AttemptTimeout"/> arrives as a <see cref="TimeoutException"/>.
/// </para>
/// </remarks>
public interface IChatErrorClassifier
{
    /// <summary>Classifies a failure.</summary>
    /// <param name="exception">What the provider (or the attempt timeout) threw.</param>
    /// <returns>The class of the failure and whether to fail over.</returns>
    ChatErrorDecision Classify(Exception exception);
}
