namespace MultiModel.Samples.HostedService;

/// <summary>A batch of sensor samples, as CSV lines (utc, subsystem, channel, value, unit, limit_low, limit_high).</summary>
internal sealed record TelemetryBatch(int Number, DateTimeOffset CollectedAt, IReadOnlyList<string> Lines);
