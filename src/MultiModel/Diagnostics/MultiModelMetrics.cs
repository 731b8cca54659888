using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;

namespace MultiModel.Diagnostics;

/// <summary>Holds the MultiModel instruments of one meter and records into them, building tags only when an instrument is listened to.</summary>
internal sealed class MultiModelMetrics
{
    private static readonly ConditionalWeakTable<IMeterFactory, MultiModelMetrics> PerFactory = [];

    // Bucket boundaries advised by the OpenTelemetry GenAI conventions.
    private static readonly double[] DurationBuckets = [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92];
    private static readonly long[] TokenBuckets = [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864];

    private MultiModelMetrics(Meter meter)
    {
        TokenUsage = meter.CreateHistogram<long>(
            "gen_ai.client.token.usage",
            "{token}",
            "Number of input and output tokens used by each provider call.",
            tags: null,
            new InstrumentAdvice<long> { HistogramBucketBoundaries = TokenBuckets });
        OperationDuration = meter.CreateHistogram<double>(
            "gen_ai.client.operation.duration",
            "s",
            "Duration of each provider call (one failover attempt).",
            tags: null,
            new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        Attempts = meter.CreateCounter<long>("multimodel.attempts", "{attempt}", "Attempts of failover chains, by provider and outcome (skipped ones included).");
        Failovers = meter.CreateCounter<long>("multimodel.failovers", "{failover}", "Moves of a failover chain from one provider to the next, by the provider left and the reason.");
        CallsBelowThreshold = meter.CreateCounter<long>("multimodel.calls.below_threshold", "{call}", "Calls that ended without an answer meeting the confidence threshold.");
        CircuitStateChanges = meter.CreateCounter<long>("multimodel.circuit.state_changes", "{change}", "Circuit breaker state changes, by provider and new state.");
        CooldownsStarted = meter.CreateCounter<long>("multimodel.cooldowns", "{cooldown}", "Cooldowns started because a provider asked to wait longer than the retry budget allows.");
        CacheTokens = meter.CreateCounter<long>("multimodel.cache.tokens", "{token}", "Input tokens read from or written to a provider's prompt cache, by provider call (parts of gen_ai.client.token.usage's input).");
        Resumptions = meter.CreateCounter<long>("multimodel.stream.resumptions", "{resumption}", "Broken streams continued by another provider, by the provider that continued and the one that broke.");
    }

    /// <summary>Gets the metrics of the process-wide meter, used without dependency injection.</summary>
    public static MultiModelMetrics Shared { get; } = new(MultiModelDiagnostics.SharedMeter);

    public Histogram<long> TokenUsage { get; }

    public Histogram<double> OperationDuration { get; }

    public Counter<long> Attempts { get; }

    public Counter<long> Failovers { get; }

    public Counter<long> CallsBelowThreshold { get; }

    public Counter<long> CircuitStateChanges { get; }

    public Counter<long> CooldownsStarted { get; }

    public Counter<long> Resumptions { get; }

    public Counter<long> CacheTokens { get; }

    /// <summary>Gets a value indicating whether any instrument that a failover call records into is listened to.</summary>
    public bool ObservesCalls =>
        Attempts.Enabled || OperationDuration.Enabled || TokenUsage.Enabled || Failovers.Enabled || CallsBelowThreshold.Enabled || Resumptions.Enabled || CacheTokens.Enabled;

    /// <summary>Gets the metrics of the factory's MultiModel meter (one set per factory), or <see cref="Shared"/> without a factory.</summary>
    public static MultiModelMetrics For(IMeterFactory? factory) =>
        factory is null
            ? Shared
            : PerFactory.GetValue(factory, static f => new MultiModelMetrics(f.Create(new MeterOptions(MultiModelTelemetry.MeterName) { Version = MultiModelDiagnostics.Version })));

    public void RecordAttempt(string chain, string provider, string system, ChatAttemptOutcome outcome, ChatErrorClass errorClass, string? skipReason)
    {
        if (!Attempts.Enabled)
        {
            return;
        }

        var tags = new TagList
        {
            { TelemetryTags.ChainName, chain },
            { TelemetryTags.ProviderName, provider },
            { TelemetryTags.ProviderSystem, system },
            { TelemetryTags.AttemptOutcome, TelemetryTags.Outcome(outcome) },
        };
        if (errorClass != ChatErrorClass.None)
        {
            tags.Add(TelemetryTags.ErrorClass, TelemetryTags.Class(errorClass));
        }

        if (skipReason is not null)
        {
            tags.Add(TelemetryTags.SkipReason, skipReason);
        }

        Attempts.Add(1, tags);
    }

    /// <summary>Records the duration and (when known) the token usage of one provider call.</summary>
    public void RecordOperation(in AttemptMetricTags attempt, TimeSpan duration, ChatUsage? usage, string? responseModel, string? errorType)
    {
        if (OperationDuration.Enabled)
        {
            var tags = attempt.ToTagList(responseModel);
            if (errorType is not null)
            {
                tags.Add(TelemetryTags.ErrorType, errorType);
            }

            OperationDuration.Record(duration.TotalSeconds, tags);
        }

        if (usage is not null && TokenUsage.Enabled)
        {
            var input = attempt.ToTagList(responseModel);
            input.Add(TelemetryTags.TokenType, TelemetryTags.Input);
            TokenUsage.Record(usage.InputTokens, input);
            var output = attempt.ToTagList(responseModel);
            output.Add(TelemetryTags.TokenType, TelemetryTags.Output);
            TokenUsage.Record(usage.OutputTokens, output);
        }

        if (usage is not null && CacheTokens.Enabled)
        {
            RecordCacheTokens(attempt, responseModel, "read", usage.CacheReadTokens);
            RecordCacheTokens(attempt, responseModel, "write", usage.CacheWriteTokens);
        }
    }

    private void RecordCacheTokens(in AttemptMetricTags attempt, string? responseModel, string operation, long tokens)
    {
        if (tokens > 0)
        {
            var tags = attempt.ToTagList(responseModel);
            tags.Add(TelemetryTags.CacheOperation, operation);
            CacheTokens.Add(tokens, tags);
        }
    }

    public void RecordFailover(string chain, string fromProvider, string reason)
    {
        if (Failovers.Enabled)
        {
            Failovers.Add(1, new TagList { { TelemetryTags.ChainName, chain }, { TelemetryTags.ProviderName, fromProvider }, { TelemetryTags.FailoverReason, reason } });
        }
    }

    public void RecordResumption(string chain, string provider, string fromProvider)
    {
        if (Resumptions.Enabled)
        {
            Resumptions.Add(1, new TagList { { TelemetryTags.ChainName, chain }, { TelemetryTags.ProviderName, provider }, { TelemetryTags.ResumedFrom, fromProvider } });
        }
    }

    public void RecordCallBelowThreshold(string chain, string? finalProvider)
    {
        if (CallsBelowThreshold.Enabled)
        {
            var tags = new TagList { { TelemetryTags.ChainName, chain } };
            if (finalProvider is not null)
            {
                tags.Add(TelemetryTags.FinalProvider, finalProvider);
            }

            CallsBelowThreshold.Add(1, tags);
        }
    }

    public void RecordCircuitState(string provider, string state)
    {
        if (CircuitStateChanges.Enabled)
        {
            CircuitStateChanges.Add(1, new TagList { { TelemetryTags.ProviderName, provider }, { TelemetryTags.CircuitState, state } });
        }
    }

    public void RecordCooldown(string provider)
    {
        if (CooldownsStarted.Enabled)
        {
            CooldownsStarted.Add(1, new TagList { { TelemetryTags.ProviderName, provider } });
        }
    }
}
