using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MultiModel.Redis.Internal;

/// <summary>Reports the shared state: healthy while Redis answers, degraded (never unhealthy: calls go on with local state) while it does not.</summary>
internal sealed class RedisSharedStateHealthCheck(RedisHealthStore store) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var sync = store.Sync;
        var data = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["replica"] = sync.ReplicaId,
            ["sharedProviders"] = store.SharedCount,
        };
        return Task.FromResult(sync.IsConnected
            ? HealthCheckResult.Healthy("shared provider state is in step with Redis", data)
            : HealthCheckResult.Degraded(
                sync.LostSince is { } since
                    ? $"Redis unreachable since {since:O}: each replica runs on its own state"
                    : "not connected to Redis yet: each replica runs on its own state",
                data: data));
    }
}
