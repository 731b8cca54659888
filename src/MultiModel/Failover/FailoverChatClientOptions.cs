using System.Diagnostics.CodeAnalysis;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using MultiModel.Confidence;
using MultiModel.Internal;
using MultiModel.Resilience;

namespace MultiModel.Failover;

/// <summary>Configures a <see cref="FailoverChatClient"/>.</summary>
/// <remarks>
/// <para>
/// Setters validate their values. The client copies the options (and the <see cref="Confidence"/> policy) when it is
/// constructed; changing them afterwards does not affect it.
/// </para>
/// </remarks>
public sealed class FailoverChatClientOptions
{
    /// <summary>The default <see cref="Name"/>.</summary>
    public const string DefaultName = "failover";

    /// <summary>Gets or sets the name of the chain, used as its <see cref="IChatProvider.Name"/> when it is nested in another chain.</summary>
    /// <value>The default value is <c>failover</c>.</value>
    /// <exception cref="ArgumentException">The value is null or white space.</exception>
    public string Name
    {
        get;
        set
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(value, nameof(Name));
            field = value;
        }
    } = DefaultName;

    /// <summary>Gets or sets how long one provider may take before the chain moves on (class <see cref="ChatErrorClass.Timeout"/>).</summary>
    /// <value>The default value is 10 seconds. <see cref="Timeout.InfiniteTimeSpan"/> turns the timeout off.</value>
    /// <remarks>
    /// For <see cref="FailoverChatClient.GetResponseAsync"/> it bounds the provider's whole answer. When streaming it
    /// bounds the wait for the first content (and the head buffer); after that it bounds the provider's silence before
    /// each update (time the caller spends on an update does not count). It is distinct from the caller's token, whose
    /// cancellation ends the whole call.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive and not infinite.</exception>
    public TimeSpan AttemptTimeout
    {
        get;
        set => field = value > TimeSpan.Zero || value == Timeout.InfiniteTimeSpan ? value
            : throw new ArgumentOutOfRangeException(nameof(AttemptTimeout), value, "The attempt timeout must be positive or infinite.");
    } = TimeSpan.FromSeconds(10);

    /// <summary>Gets or sets the largest number of provider calls per request (skipped providers do not count).</summary>
    /// <value>The default value is <see langword="null"/> (no limit beyond the number of providers, or twice that for a stream that <see cref="ResumeStreams"/> continues).</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is zero or negative.</exception>
    public int? MaxAttempts
    {
        get;
        set => field = value is null or > 0 ? value
            : throw new ArgumentOutOfRangeException(nameof(MaxAttempts), value, "The maximum number of attempts must be positive.");
    }

    /// <summary>Gets or sets the delay after which, if the current attempt has no answer yet (no first content when streaming), the next provider starts in parallel.</summary>
    /// <value>The default value is <see langword="null"/> (no hedging).</value>
    /// <remarks>
    /// The first acceptable answer wins; the others are cancelled and reported with <see cref="ChatAttemptOutcome.Cancelled"/>.
    /// Attempts started by hedging have <see cref="ChatAttempt.Hedged"/> set. Hedging spends tokens on answers that are thrown away.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public TimeSpan? HedgingDelay
    {
        get;
        set => field = value is null || value > TimeSpan.Zero ? value
            : throw new ArgumentOutOfRangeException(nameof(HedgingDelay), value, "The hedging delay must be positive.");
    }

    /// <summary>Gets or sets how many characters of a streamed answer are held back so the confidence policy can judge the head before the caller sees it.</summary>
    /// <value>The default value is 0 (no head buffer: content is released as soon as it arrives).</value>
    /// <remarks>
    /// The head is released when it reaches this length, when <see cref="HeadBufferTime"/> has passed since the first
    /// content, or when the answer ends, whichever comes first. A head the policy rejects moves the chain to the next provider.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public int HeadBufferLength
    {
        get;
        set => field = value >= 0 ? value
            : throw new ArgumentOutOfRangeException(nameof(HeadBufferLength), value, "The head buffer length must not be negative.");
    }

    /// <summary>Gets or sets the longest time a streamed head is held back after its first content.</summary>
    /// <value>The default value is <see langword="null"/> (only <see cref="HeadBufferLength"/> limits the head). Setting it alone buffers by time only.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public TimeSpan? HeadBufferTime
    {
        get;
        set => field = value is null || value > TimeSpan.Zero ? value
            : throw new ArgumentOutOfRangeException(nameof(HeadBufferTime), value, "The head buffer time must be positive.");
    }

    /// <summary>Gets or sets a value indicating whether a stream that breaks after its first text reached the caller is finished by the next provider, asked to continue the partial answer.</summary>
    /// <value>The default value is <see langword="false"/>: such a stream ends with <see cref="ChatFailoverReason.FailedAfterContent"/>.</value>
    /// <remarks>
    /// <para>
    /// When on, a break after content was released (a transport error, a cut stream, an error event, a silence longer
    /// than <see cref="AttemptTimeout"/>) is recorded, and the next provider that can take a
    /// <see cref="ChatRequest.ContinueFinalMessage"/> request continues the partial answer (the providers not tried yet,
    /// then the chain once more from the first: a provider is called at most twice per call); what the continuation
    /// repeats is removed. Each continuation is an attempt like any other (it counts toward <see cref="MaxAttempts"/>);
    /// <see cref="ChatResponse.Resumptions"/> says where the answer changed hands, and the policy scores the whole text.
    /// </para>
    /// <para>
    /// Never resumed: a request that offers tools or asks for JSON-schema output, a failure the
    /// <see cref="ErrorClassifier"/> does not fail over, and caller cancellation.
    /// </para>
    /// </remarks>
    [Experimental(Experiments.StreamResumption, UrlFormat = Experiments.UrlFormat)]
    public bool ResumeStreams { get; set; }

    /// <summary>Gets or sets the policy that scores every answer and decides whether it is accepted.</summary>
    /// <value>The default value is a <see cref="ConfidencePolicy"/> with threshold 0.85 and only the structural scorer.</value>
    /// <exception cref="ArgumentNullException">The value is <see langword="null"/>.</exception>
    public ConfidencePolicy Confidence
    {
        get;
        set => field = value ?? throw new ArgumentNullException(nameof(value));
    } = new();

    /// <summary>Gets or sets what happens when no answer meets the confidence threshold.</summary>
    /// <value>The default value is <see cref="BelowThresholdBehavior.Throw"/>.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined <see cref="BelowThresholdBehavior"/>.</exception>
    public BelowThresholdBehavior WhenNoneMeetsThreshold
    {
        get;
        set => field = Enum.IsDefined(value) ? value
            : throw new ArgumentOutOfRangeException(nameof(WhenNoneMeetsThreshold), value, "The behaviour is not a defined BelowThresholdBehavior.");
    }

    /// <summary>Gets or sets the rule that classifies failures and decides between failing over and failing fast.</summary>
    /// <value>The default value is <see cref="DefaultChatErrorClassifier.Instance"/>.</value>
    /// <exception cref="ArgumentNullException">The value is <see langword="null"/>.</exception>
    public IChatErrorClassifier ErrorClassifier
    {
        get;
        set => field = value ?? throw new ArgumentNullException(nameof(value));
    } = DefaultChatErrorClassifier.Instance;

    /// <summary>Gets or sets the source of provider health used to skip providers that are cooling down, whose circuit is open, or whose rate budget has no room.</summary>
    /// <value>The default value is <see langword="null"/> (every provider is available).</value>
    public IProviderHealthSource? HealthSource { get; set; }

    /// <summary>Gets or sets a callback invoked once for every attempt when it ends (skipped, failed, answered or cancelled).</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    /// <remarks>
    /// The callback runs on the call's own flow, one attempt at a time, before the call returns or throws. It must be
    /// quick and must not throw: an exception from it ends the call.
    /// </remarks>
    public Action<ChatAttempt>? OnAttempt { get; set; }

    /// <summary>Gets or sets the factory of the logger that reports attempts, skips, failovers and authentication problems.</summary>
    /// <value>The default value is <see langword="null"/> (no logging). Dependency injection sets the container's factory.</value>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>Gets or sets the factory of the <c>MultiModel</c> meter that records token usage, durations, attempts and failovers.</summary>
    /// <value>
    /// The default value is <see langword="null"/>: the instruments live on a process-wide <c>MultiModel</c> meter.
    /// Dependency injection sets the container's factory.
    /// </value>
    public IMeterFactory? MeterFactory { get; set; }

    /// <summary>Gets or sets a value indicating whether prompt and answer text may be recorded in spans (as GenAI events) and in Trace logs.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    /// <remarks>
    /// <para>
    /// Prompts and answers can hold personal or confidential data: turn this on only where the telemetry backend may
    /// store it. Content is logged only at <see cref="LogLevel.Trace"/>. API keys are never recorded, whatever this says.
    /// </para>
    /// </remarks>
    public bool EnableSensitiveData { get; set; }

    /// <summary>Copies the options, and the confidence policy, for a client that must not see later changes.</summary>
    internal FailoverChatClientOptions Snapshot()
    {
        var copy = (FailoverChatClientOptions)MemberwiseClone();
        copy.Confidence = Confidence.Clone();
        return copy;
    }
}
