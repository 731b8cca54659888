using System.Runtime.CompilerServices;
using MultiModel.Testing.Internal;

namespace MultiModel.Testing;

/// <summary>Provides a scriptable in-memory <see cref="IChatProvider"/> for tests: queued steps, a default step, or callbacks.</summary>
/// <remarks>
/// <para>
/// Each call validates the request like a real provider (<see cref="ChatRequest.Validate"/>, then
/// <see cref="CheckRequestCallback"/>: a request the fake refuses throws <see cref="ArgumentException"/> with the
/// refusal's reason), records a clone of it, and then runs, in this order of precedence: <see cref="GetResponseAsyncCallback"/> or
/// <see cref="GetStreamingResponseAsyncCallback"/> when set, else the next queued step, else <see cref="DefaultStep"/>.
/// Invalid or refused requests and calls cancelled before they start are neither recorded nor counted.
/// </para>
/// <para>
/// Delays go through the <see cref="TimeProvider"/> given to the constructor. Cancellation surfaces as
/// <see cref="OperationCanceledException"/>. The class is thread-safe.
/// </para>
/// </remarks>
public sealed partial class FakeChatProvider : IChatProvider
{
    private readonly Lock _gate = new();
    private readonly Queue<FakeChatStep> _steps = new();
    private readonly List<ChatRequest> _requests = [];
    private FakeChatStep _defaultStep = FakeChatStep.Answer("This is a fake answer.");
    private int _streamingCalls;
    private ChatProviderMetadata? _metadata;

    /// <summary>Initializes a new instance of the <see cref="FakeChatProvider"/> class.</summary>
    /// <param name="name">The provider name reported in answers and failures.</param>
    /// <param name="timeProvider">The clock for step delays, or <see langword="null"/> for <see cref="TimeProvider.System"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null or white space.</exception>
    public FakeChatProvider(string name = "fake", TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        TimeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    /// <value>The default value names the system <c>fake</c> with <see cref="DefaultModelId"/>.</value>
    public ChatProviderMetadata Metadata
    {
        get => _metadata ?? new ChatProviderMetadata("fake", endpoint: null, DefaultModelId);
        init => _metadata = value;
    }

    /// <summary>Gets the model reported in answers when a request does not name one.</summary>
    /// <value>The default value is <c>fake-model</c>.</value>
    public string DefaultModelId { get; init; } = "fake-model";

    /// <summary>Gets the clock used for step delays.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>Gets or sets the step used when the queue is empty.</summary>
    /// <value>The default value answers <c>This is a fake answer.</c></value>
    /// <exception cref="ArgumentNullException">The value is <see langword="null"/>.</exception>
    public FakeChatStep DefaultStep
    {
        get => Volatile.Read(ref _defaultStep);
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            Volatile.Write(ref _defaultStep, value);
        }
    }

    /// <summary>Gets or sets a callback that says whether the fake can take a request (see <see cref="CheckRequest"/>).</summary>
    /// <value>The default value is <see langword="null"/> (every request is taken).</value>
    /// <remarks>
    /// For example <c>request =&gt; request.Temperature &gt; 1 ? ChatRequestSupport.Unsupported("temperature above 1") : ChatRequestSupport.Supported</c>:
    /// a failover chain then skips the fake for such a request, and a direct call throws <see cref="ArgumentException"/>.
    /// </remarks>
    public Func<ChatRequest, ChatRequestSupport>? CheckRequestCallback { get; set; }

    /// <summary>Gets or sets a callback that answers whole calls instead of the queued steps.</summary>
    /// <value>The default value is <see langword="null"/> (use the steps).</value>
    public Func<ChatRequest, CancellationToken, Task<ChatResponse>>? GetResponseAsyncCallback { get; set; }

    /// <summary>Gets or sets a callback that answers streamed calls instead of the queued steps.</summary>
    /// <value>The default value is <see langword="null"/> (use the steps).</value>
    public Func<ChatRequest, CancellationToken, IAsyncEnumerable<ChatResponseUpdate>>? GetStreamingResponseAsyncCallback { get; set; }

    /// <summary>Gets the number of calls made (whole and streamed), not counting rejected ones.</summary>
    public int CallCount
    {
        get
        {
            lock (_gate)
            {
                return _requests.Count;
            }
        }
    }

    /// <summary>Gets the number of streamed calls made.</summary>
    public int StreamingCallCount => Volatile.Read(ref _streamingCalls);

    /// <summary>Gets a snapshot of clones of every request received, oldest first.</summary>
    public IReadOnlyList<ChatRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Gets a clone of the last request received, or <see langword="null"/> before the first call.</summary>
    public ChatRequest? LastRequest
    {
        get
        {
            lock (_gate)
            {
                return _requests.Count == 0 ? null : _requests[^1];
            }
        }
    }

    /// <inheritdoc/>
    /// <remarks>Answers with <see cref="CheckRequestCallback"/>, or supported when it is not set.</remarks>
    public ChatRequestSupport CheckRequest(ChatRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return CheckRequestCallback?.Invoke(request) ?? ChatRequestSupport.Supported;
    }

    /// <inheritdoc/>
    public async Task<ChatResponse> GetResponseAsync(ChatRequest request, CancellationToken cancellationToken = default)
    {
        var callback = GetResponseAsyncCallback;
        var step = Begin(request, streaming: false, useStep: callback is null, cancellationToken);
        return step is null
            ? await callback!(request, cancellationToken).ConfigureAwait(false)
            : await FakeStepRunner.RunAsync(step, Context(request), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(ChatRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return StreamAsync(request, cancellationToken);
    }

    /// <inheritdoc/>
    public override string ToString() => $"FakeChatProvider {Name} ({CallCount} calls, {PendingStepCount} queued steps)";

    private async IAsyncEnumerable<ChatResponseUpdate> StreamAsync(ChatRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var callback = GetStreamingResponseAsyncCallback;
        var step = Begin(request, streaming: true, useStep: callback is null, cancellationToken);
        var updates = step is null
            ? callback!(request, cancellationToken)
            : FakeStepRunner.StreamAsync(step, Context(request), cancellationToken);
        await foreach (var update in updates.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return update;
        }
    }

    private FakeStepContext Context(ChatRequest request) => new(Name, request.ModelId ?? DefaultModelId, TimeProvider, request);

    /// <summary>Validates, checks, records, and picks the step (null when a callback will answer).</summary>
    private FakeChatStep? Begin(ChatRequest request, bool streaming, bool useStep, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        if (CheckRequest(request) is { IsSupported: false } refusal)
        {
            throw new ArgumentException($"Provider '{Name}' cannot take the request: {refusal.Reason}.", nameof(request));
        }

        cancellationToken.ThrowIfCancellationRequested();
        var clone = request.Clone();
        if (streaming)
        {
            Interlocked.Increment(ref _streamingCalls);
        }

        lock (_gate)
        {
            _requests.Add(clone);
            if (!useStep)
            {
                return null;
            }

            return _steps.TryDequeue(out var step) ? step : DefaultStep;
        }
    }
}
