using MultiModel.Diagnostics;

namespace MultiModel.Failover;

/// <summary>What a call works with from start to end: the chain's providers and a copy of its options that nothing changes.</summary>
internal sealed record FailoverSettings(IChatProvider[] Providers, FailoverChatClientOptions Options, TimeProvider TimeProvider, FailoverTelemetry Telemetry)
{
    public bool HasHeadBuffer => Options.HeadBufferLength > 0 || Options.HeadBufferTime is not null;

    /// <summary>Copies the providers (checking them) and the options.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="providers"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="providers"/> is empty, holds a <see langword="null"/> element, or two providers with the same name.</exception>
    public static FailoverSettings Create(IEnumerable<IChatProvider> providers, FailoverChatClientOptions? options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(providers);
        IChatProvider[] snapshot = [.. providers];
        if (snapshot.Length == 0)
        {
            throw new ArgumentException("At least one provider is required.", nameof(providers));
        }

        if (Array.IndexOf(snapshot, null) is var missing and >= 0)
        {
            throw new ArgumentException($"Provider {missing} is null.", nameof(providers));
        }

        if (snapshot.GroupBy(static p => p.Name, StringComparer.Ordinal).FirstOrDefault(static g => g.Skip(1).Any()) is { } twice)
        {
            throw new ArgumentException($"Two providers are named '{twice.Key}'; names must be unique within a chain.", nameof(providers));
        }

        var o = options?.Snapshot() ?? new FailoverChatClientOptions();
        return new FailoverSettings(snapshot, o, timeProvider, new FailoverTelemetry(o.Name, o.LoggerFactory, o.MeterFactory, o.EnableSensitiveData));
    }
}
