namespace MultiModel.Testing.Internal;

/// <summary>The emulator's shared, thread-safe bookkeeping: endpoints, recorded requests and counters.</summary>
internal sealed class EmulatorState
{
    private readonly Lock _gate = new();
    private readonly List<EmulatorRequest> _requests = [];
    private int _sequence = -1;
    private int _abortedRequests;
    private int _totalConnections;
    private int _openConnections;

    public EmulatorState(ProviderEmulatorOptions options)
    {
        Anthropic = new EmulatedProvider(EmulatedProviderKind.Anthropic, options.AnthropicApiKey);
        Xai = new EmulatedProvider(EmulatedProviderKind.Xai, options.XaiApiKey);
    }

    public EmulatedProvider Anthropic { get; }

    public EmulatedProvider Xai { get; }

    public int AbortedRequests => Volatile.Read(ref _abortedRequests);

    public int TotalConnections => Volatile.Read(ref _totalConnections);

    public int OpenConnections => Volatile.Read(ref _openConnections);

    public IReadOnlyList<EmulatorRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    public int RequestCount
    {
        get
        {
            lock (_gate)
            {
                return _requests.Count;
            }
        }
    }

    public int NextSequence() => Interlocked.Increment(ref _sequence);

    public void Record(EmulatorRequest request, EmulatedProvider? provider)
    {
        lock (_gate)
        {
            _requests.Add(request);
        }

        provider?.Record(request);
    }

    public void CountAbortedRequest() => Interlocked.Increment(ref _abortedRequests);

    public void ConnectionOpened()
    {
        Interlocked.Increment(ref _totalConnections);
        Interlocked.Increment(ref _openConnections);
    }

    public void ConnectionClosed() => Interlocked.Decrement(ref _openConnections);
}
