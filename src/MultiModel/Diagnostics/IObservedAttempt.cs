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

    /// <summary>Gets the short, stable word for why a skipped provider was skipped (a metric and span attribute).</summary>
    string? SkipCategory { get; }

    /// <summary>Gets where the state that skipped the provider came from: <c>fleet</c> (other processes), <c>process</c> (a budget of this process), or <see langword="null"/>.</summary>
    string? SkipScope { get; }

    /// <summary>Gets, for a provider skipped by its rate budget, the limit that refused: <c>requests</c> or <c>tokens</c>.</summary>
    string? SkipLimit { get; }

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
