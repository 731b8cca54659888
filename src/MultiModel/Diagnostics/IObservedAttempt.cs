namespace MultiModel.Diagnostics;

/// <summary>What call telemetry reads from one attempt of a failover call, and the slot where it keeps the attempt's span and attributes.</summary>
/// <remarks>
/// The failover engine's attempt record implements it, so telemetry observes attempts without knowing the engine:
/// dependencies point from Failover to Diagnostics only. <see cref="Report"/> is set once, when the attempt ends.
/// </remarks>
internal interface IObservedAttempt
{
    int Index { get; }

    IChatProvider Provider { get; }

    bool Hedged { get; }

    /// <summary>Gets the attempt's report, or <see langword="null"/> while it runs.</summary>
    ChatAttempt? Report { get; }

    /// <summary>Gets why a skipped provider was skipped, or <see langword="null"/> for a provider that was called.</summary>
    AttemptSkip? Skip { get; }

    /// <summary>Gets a value indicating whether the chain moves on after this attempt's failure.</summary>
    bool FailsOver { get; }

    string? ResponseId { get; }

    ChatFinishReason? FinishReason { get; }

    string? RawFinishReason { get; }

    /// <summary>Gets the answer text so far (copied for a streamed answer); read only when sensitive data is enabled.</summary>
    string AnswerText { get; }

    /// <summary>Gets or sets the attempt's span and metric attributes, set by telemetry when the attempt starts (if the call records anything).</summary>
    AttemptTelemetry? Telemetry { get; set; }
}
