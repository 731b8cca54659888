using Microsoft.Extensions.Logging;

namespace MultiModel.Redis.Internal;

/// <summary>The source-generated log messages of the shared state (category <c>MultiModel.SharedState</c>); event ids are a public contract listed in the README.</summary>
/// <remarks>No message carries a connection string, a secret, an API key or a provider identity's source values.</remarks>
internal static partial class SharedStateLog
{
    public const string Category = "MultiModel.SharedState";

    [LoggerMessage(EventId = 400, EventName = "SharedStateConnected", Level = LogLevel.Information,
        Message = "Shared provider state on {Endpoints} (key prefix {KeyPrefix}) is connected; this replica is {ReplicaId}.")]
    public static partial void Connected(this ILogger logger, string endpoints, string keyPrefix, string replicaId);

    [LoggerMessage(EventId = 401, EventName = "SharedStateLost", Level = LogLevel.Warning,
        Message = "Shared provider state on {Endpoints} is unreachable ({Reason}); calls go on with this replica's own state until it returns.")]
    public static partial void Lost(this ILogger logger, string endpoints, string reason);

    [LoggerMessage(EventId = 402, EventName = "SharedStateRestored", Level = LogLevel.Information,
        Message = "Shared provider state on {Endpoints} is reachable again after {OutageSeconds} s; its state is being resynchronised.")]
    public static partial void Restored(this ILogger logger, string endpoints, double outageSeconds);

    [LoggerMessage(EventId = 403, EventName = "CooldownPublished", Level = LogLevel.Debug,
        Message = "Provider {ProviderName} cools down until {CooldownUntil}: published to the other replicas.")]
    public static partial void CooldownPublished(this ILogger logger, string providerName, DateTimeOffset cooldownUntil);

    [LoggerMessage(EventId = 404, EventName = "CooldownReceived", Level = LogLevel.Information,
        Message = "Provider {ProviderName} cools down until {CooldownUntil}, as another replica learned from the server; chains here skip it until then.")]
    public static partial void CooldownReceived(this ILogger logger, string providerName, DateTimeOffset cooldownUntil);

    [LoggerMessage(EventId = 405, EventName = "CircuitQuorumOpened", Level = LogLevel.Warning,
        Message = "Provider {ProviderName}: {OpenCount} replicas report its circuit open (quorum {Quorum}); every replica skips it until {OpenUntil}.")]
    public static partial void QuorumOpened(this ILogger logger, string providerName, int openCount, int quorum, DateTimeOffset openUntil);

    [LoggerMessage(EventId = 406, EventName = "CircuitQuorumClosed", Level = LogLevel.Information,
        Message = "Provider {ProviderName}: fewer than {Quorum} replicas report its circuit open; replicas whose own circuit is closed call it again.")]
    public static partial void QuorumClosed(this ILogger logger, string providerName, int quorum);

    [LoggerMessage(EventId = 407, EventName = "RateBudgetExhausted", Level = LogLevel.Information,
        Message = "Provider {ProviderName}: the replicas have spent its {Limit} budget of {PerMinute} per minute; chains skip it until the window has room.")]
    public static partial void BudgetExhausted(this ILogger logger, string providerName, string limit, int perMinute);

    [LoggerMessage(EventId = 408, EventName = "SharedStateWritesDropped", Level = LogLevel.Warning,
        Message = "The shared state's write queue is full ({Capacity}); writes are dropped until it drains, and the next resynchronisation writes this replica's state again.")]
    public static partial void WritesDropped(this ILogger logger, int capacity);

    [LoggerMessage(EventId = 409, EventName = "SharedStateInitialSyncIncomplete", Level = LogLevel.Warning,
        Message = "The shared provider state was not read within {TimeoutMs} ms of start-up; the host starts on this replica's own state and reads it as soon as Redis answers.")]
    public static partial void InitialSyncIncomplete(this ILogger logger, double timeoutMs);
}
