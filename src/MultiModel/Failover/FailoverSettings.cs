using MultiModel.Confidence;
using MultiModel.Diagnostics;

namespace MultiModel.Failover;

/// <summary>An immutable copy of <see cref="FailoverChatClientOptions"/>, taken when a client is constructed.</summary>
internal sealed class FailoverSettings
{
    public FailoverSettings(IChatProvider[] providers, FailoverChatClientOptions options, TimeProvider timeProvider)
    {
        Providers = providers;
        Name = options.Name;
        AttemptTimeout = options.AttemptTimeout;
        MaxAttempts = options.MaxAttempts;
        HedgingDelay = options.HedgingDelay;
        HeadBufferLength = options.HeadBufferLength;
        HeadBufferTime = options.HeadBufferTime;
        Confidence = options.Confidence.Clone();
        WhenNoneMeetsThreshold = options.WhenNoneMeetsThreshold;
        ErrorClassifier = options.ErrorClassifier;
        HealthSource = options.HealthSource;
        OnAttempt = options.OnAttempt;
        TimeProvider = timeProvider;
        Telemetry = new FailoverTelemetry(Name, options.LoggerFactory, options.MeterFactory, options.EnableSensitiveData);
    }

    public IChatProvider[] Providers { get; }

    public string Name { get; }

    public TimeSpan AttemptTimeout { get; }

    public int? MaxAttempts { get; }

    public TimeSpan? HedgingDelay { get; }

    public int HeadBufferLength { get; }

    public TimeSpan? HeadBufferTime { get; }

    public bool HasHeadBuffer => HeadBufferLength > 0 || HeadBufferTime is not null;

    public ConfidencePolicy Confidence { get; }

    public BelowThresholdBehavior WhenNoneMeetsThreshold { get; }

    public IChatErrorClassifier ErrorClassifier { get; }

    public IProviderHealthSource? HealthSource { get; }

    public Action<ChatAttempt>? OnAttempt { get; }

    public TimeProvider TimeProvider { get; }

    public FailoverTelemetry Telemetry { get; }
}
