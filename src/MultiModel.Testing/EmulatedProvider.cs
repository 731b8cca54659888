using System.Diagnostics;
using MultiModel.Testing.Internal;

namespace MultiModel.Testing;

/// <summary>Represents one API of a <see cref="ProviderEmulator"/> (Anthropic or xAI): its script and its received requests.</summary>
/// <remarks>
/// <para>
/// Each request that passes the header and body checks takes the next queued behaviour, or <see cref="Default"/>
/// when the queue is empty (or, with <see cref="Chaos"/>, a random fault instead of it). Requests rejected by those
/// checks (wrong key, missing field) do not consume the queue.
/// The class is thread-safe.
/// </para>
/// </remarks>
[DebuggerDisplay("{Kind}: {PendingCount} queued, {RequestCount} requests")]
public sealed class EmulatedProvider
{
    private readonly Lock _gate = new();
    private readonly Queue<EmulatorBehavior> _queue = new();
    private readonly List<EmulatorRequest> _requests = [];
    private EmulatorBehavior _default = EmulatorBehavior.Answer();
    private EmulatorChaos? _chaos;

    internal EmulatedProvider(EmulatedProviderKind kind, string apiKey)
    {
        Kind = kind;
        ApiKey = apiKey;
    }

    /// <summary>Gets which API this endpoint imitates.</summary>
    public EmulatedProviderKind Kind { get; }

    /// <summary>Gets the API key this endpoint accepts.</summary>
    public string ApiKey { get; }

    /// <summary>Gets or sets the behaviour used when the queue is empty.</summary>
    /// <value>The default value answers with the emulator's default answer.</value>
    /// <exception cref="ArgumentNullException">The value is <see langword="null"/>.</exception>
    public EmulatorBehavior Default
    {
        get => Volatile.Read(ref _default);
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            Volatile.Write(ref _default, value);
        }
    }

    /// <summary>Gets or sets the random-fault mode applied to the requests that take <see cref="Default"/>.</summary>
    /// <value>The default value is <see langword="null"/> (no random faults).</value>
    public EmulatorChaos? Chaos
    {
        get => Volatile.Read(ref _chaos);
        set => Volatile.Write(ref _chaos, value);
    }

    /// <summary>Gets the number of queued behaviours not used yet.</summary>
    public int PendingCount
    {
        get
        {
            lock (_gate)
            {
                return _queue.Count;
            }
        }
    }

    /// <summary>Gets the number of requests this endpoint received, rejected ones included.</summary>
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

    /// <summary>Gets a snapshot of the requests this endpoint received, oldest first.</summary>
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

    /// <summary>Queues behaviours for the next requests, in order.</summary>
    /// <param name="behaviors">The behaviours.</param>
    /// <returns>This endpoint, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="behaviors"/> or one of its items is <see langword="null"/>.</exception>
    public EmulatedProvider Enqueue(params EmulatorBehavior[] behaviors)
    {
        ArgumentNullException.ThrowIfNull(behaviors);
        foreach (var behavior in behaviors)
        {
            ArgumentNullException.ThrowIfNull(behavior, nameof(behaviors));
        }

        lock (_gate)
        {
            foreach (var behavior in behaviors)
            {
                _queue.Enqueue(behavior);
            }
        }

        return this;
    }

    /// <summary>Removes every queued behaviour.</summary>
    public void ClearQueue()
    {
        lock (_gate)
        {
            _queue.Clear();
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Kind}: {PendingCount} queued, {RequestCount} requests";

    internal void Record(EmulatorRequest request)
    {
        lock (_gate)
        {
            _requests.Add(request);
        }
    }

    internal EmulatorBehavior Next(string defaultAnswer)
    {
        lock (_gate)
        {
            if (_queue.TryDequeue(out var behavior))
            {
                return behavior;
            }
        }

        return Chaos is { } chaos ? chaos.Decide(Default, defaultAnswer) : Default;
    }

    internal IWireDialect Dialect => Kind == EmulatedProviderKind.Anthropic ? AnthropicDialect.Instance : XaiDialect.Instance;
}
