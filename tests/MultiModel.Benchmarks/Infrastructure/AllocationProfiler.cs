using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Globalization;
using MultiModel.Failover;

namespace MultiModel.Benchmarks.Infrastructure;

/// <summary>
/// Samples what one kind of call allocates, by type, from the runtime's allocation-tick events (one sample per
/// ~100 KB allocated): <c>--alloc-profile claude|grok|failover-claude|failover-grok|raw-anthropic|raw-xai</c>.
/// </summary>
internal static class AllocationProfiler
{
    public static async Task<int> RunAsync(string scenario, int calls)
    {
        var server = EmulatorServer.Shared;
        using var clients = new Clients();
        var request = Scenario.Request();
        Func<Task> call = scenario switch
        {
            "claude" => WrapProvider(clients.Claude(server.Ok), request),
            "grok" => WrapProvider(clients.Grok(server.Ok), request),
            "failover-claude" => WrapProvider(new FailoverChatClient([clients.Claude(server.Ok)]), request),
            "failover-grok" => WrapProvider(new FailoverChatClient([clients.Grok(server.Ok)]), request),
            "stream-claude" => WrapStream(clients.Claude(server.Ok), request),
            "stream-grok" => WrapStream(clients.Grok(server.Ok), request),
            "raw-anthropic" => WrapRaw(clients.RawAnthropic(server.Ok).GetTextAsync),
            "raw-xai" => WrapRaw(clients.RawXai(server.Ok).GetTextAsync),
            "resilient-claude" => WrapProvider(clients.ByHandResilient(server.Ok, claude: true), request),
            "di-claude" => WrapProvider(clients.DependencyInjection(server.Ok).Claude, request),
            "failover-memory" => WrapProvider(new FailoverChatClient([new MemoryProvider()]), request),
            _ => throw new ArgumentException($"Unknown scenario '{scenario}'.", nameof(scenario)),
        };

        for (var i = 0; i < 200; i++)
        {
            await call().ConfigureAwait(false);
        }

        using var listener = new AllocationListener();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < calls; i++)
        {
            await call().ConfigureAwait(false);
        }

        var total = GC.GetTotalAllocatedBytes(precise: true) - before;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{scenario}: {total / (double)calls:0} bytes per call over {calls} calls"));
        var samples = listener.ByType.ToArray();
        var sampled = samples.Sum(p => p.Value);
        foreach (var (type, bytes) in samples.OrderByDescending(p => p.Value).Take(40))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{bytes * (double)total / sampled / calls,8:0} B/call  {type}"));
        }

        return 0;
    }

    private static Func<Task> WrapProvider(IChatProvider provider, ChatRequest request) => () => provider.GetResponseAsync(request);

    private static Func<Task> WrapStream(IChatProvider provider, ChatRequest request) => () => Updates.CountAsync(provider.GetStreamingResponseAsync(request));

    private static Func<Task> WrapRaw(Func<string, int, CancellationToken, Task<string>> call) => () => call(Scenario.Prompt, Scenario.MaxTokens, default);

    /// <summary>A provider that answers at once with a cached answer: what remains allocated is the failover client's.</summary>
    private sealed class MemoryProvider : IChatProvider
    {
        private readonly Task<ChatResponse> _answer = Task.FromResult(new ChatResponse { Text = "cached answer.", ProviderName = "memory", FinishReason = ChatFinishReason.Stop });

        public string Name => "memory";

        public Task<ChatResponse> GetResponseAsync(ChatRequest request, CancellationToken cancellationToken = default) => _answer;

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(ChatRequest request, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();
    }

    private sealed class AllocationListener : EventListener
    {
        public ConcurrentDictionary<string, long> ByType { get; } = new(StringComparer.Ordinal);

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
            {
                EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)0x1);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs eventData)
        {
            if (eventData.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) != true || eventData.Payload is null)
            {
                return;
            }

            var names = eventData.PayloadNames!;
            var type = names.IndexOf("TypeName") is >= 0 and var t ? eventData.Payload[t] as string ?? "?" : "?";
            var amount = names.IndexOf("AllocationAmount64") is >= 0 and var a ? Convert.ToInt64(eventData.Payload[a], CultureInfo.InvariantCulture) : 100_000;
            ByType.AddOrUpdate(type, amount, (_, sum) => sum + amount);
        }
    }
}
