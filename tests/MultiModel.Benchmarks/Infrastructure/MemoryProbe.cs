using MultiModel.Providers.Claude;
using MultiModel.Providers.Grok;

namespace MultiModel.Benchmarks.Infrastructure;

/// <summary>
/// Streams the 1 MB and 10 MB answers through the providers and measures the live managed heap in the middle of
/// the stream (after a full collection) against the heap before the call: constant memory means the same small
/// number for both sizes.
/// </summary>
internal static class MemoryProbe
{
    public sealed record Result(string Client, int Megabytes, int Deltas, long LiveHeapGrowthBytes, double AllocatedBytesPerDelta, TimeSpan Elapsed);

    public static async Task<IReadOnlyList<Result>> RunAsync()
    {
        var server = EmulatorServer.Shared;
        using var clients = new Clients();
        var results = new List<Result>();
        foreach (var megabytes in (int[])[1, 10])
        {
            var root = megabytes == 10 ? server.Big10 : server.Big1;
            var claude = clients.Claude(root);
            var grok = clients.Grok(root);
            var request = Scenario.Request(Scenario.LargeMaxTokens);

            // One call each to warm up the connection and the JIT; then the measured call.
            await Updates.CountAsync(claude.GetStreamingResponseAsync(request)).ConfigureAwait(false);
            await Updates.CountAsync(grok.GetStreamingResponseAsync(request)).ConfigureAwait(false);
            results.Add(await MeasureAsync("MultiModel_Claude", megabytes, claude, request).ConfigureAwait(false));
            results.Add(await MeasureAsync("MultiModel_Grok", megabytes, grok, request).ConfigureAwait(false));
        }

        return results;
    }

    private static async Task<Result> MeasureAsync(string client, int megabytes, IChatProvider provider, ChatRequest request)
    {
        var expectedDeltas = (megabytes << 20) / EmulatorServer.LargeWordLength;
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var started = TimeProvider.System.GetTimestamp();
        long middle = 0;
        var deltas = 0;
        await foreach (var update in provider.GetStreamingResponseAsync(request).ConfigureAwait(false))
        {
            if (update.Text is { Length: > 0 } && ++deltas == expectedDeltas / 2)
            {
                middle = GC.GetTotalMemory(forceFullCollection: true);
            }
        }

        var elapsed = TimeProvider.System.GetElapsedTime(started);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        return new Result(client, megabytes, deltas, middle - before, (double)allocated / deltas, elapsed);
    }
}
