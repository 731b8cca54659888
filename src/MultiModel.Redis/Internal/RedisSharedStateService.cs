using Microsoft.Extensions.Hosting;

namespace MultiModel.Redis.Internal;

/// <summary>Reads the shared state before the host reports started (bounded), so that a replica starting during a cooldown learns it before its first call.</summary>
/// <remarks>Dependency injection validates and builds the providers first (<c>ValidateOnStart</c>), so every provider is registered with the store by then.</remarks>
internal sealed class RedisSharedStateService(RedisHealthStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => store.Sync.InitialSyncAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
