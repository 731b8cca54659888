using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace MultiModel.Tests.Failover;

/// <summary>A provider whose behaviour is set through callbacks; counts and signals its calls.</summary>
internal sealed class TestChatProvider : IChatProvider
{
    private readonly TaskCompletionSource _called = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentQueue<ChatRequest> _requests = new();
    private int _callCount;

    public TestChatProvider(string name)
    {
        Name = name;
    }

    public string Name { get; }

    public Func<ChatRequest, CancellationToken, Task<ChatResponse>>? GetResponseAsyncCallback { get; set; }

    public Func<ChatRequest, CancellationToken, IAsyncEnumerable<ChatResponseUpdate>>? GetStreamingResponseAsyncCallback { get; set; }

    public int CallCount => Volatile.Read(ref _callCount);

    /// <summary>Gets a task that completes when the provider is first called.</summary>
    public Task Called => _called.Task;

    public static TestChatProvider Answering(string name, string text = "answer", ChatFinishReason finish = ChatFinishReason.Stop, ChatUsage? usage = null) =>
        new(name) { GetResponseAsyncCallback = (_, _) => Task.FromResult(Some.Response(name, text, finish, usage)) };

    public static TestChatProvider Failing(string name, Exception exception) =>
        new(name)
        {
            GetResponseAsyncCallback = (_, _) => Task.FromException<ChatResponse>(exception),
            GetStreamingResponseAsyncCallback = (_, _) => Some.Throwing(exception),
        };

    public static TestChatProvider Hanging(string name) =>
        new(name)
        {
            GetResponseAsyncCallback = async (_, ct) =>
            {
                await Task.Delay(Timeout.Infinite, ct);
                throw new InvalidOperationException("unreachable");
            },
            GetStreamingResponseAsyncCallback = (_, ct) => HangAsync(ct),
        };

    public static TestChatProvider Streaming(string name, params ChatResponseUpdate[] updates) =>
        new(name) { GetStreamingResponseAsyncCallback = (_, ct) => Some.Stream(updates, cancellationToken: ct) };

    /// <summary>Gets the requests the provider received, in order.</summary>
    public IReadOnlyList<ChatRequest> Requests => [.. _requests];

    /// <summary>Takes every request, continuations of a partial answer included (the interface's default refuses those).</summary>
    public ChatRequestSupport CheckRequest(ChatRequest request) => ChatRequestSupport.Supported;

    public Task<ChatResponse> GetResponseAsync(ChatRequest request, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _callCount);
        _requests.Enqueue(request);
        _called.TrySetResult();
        var callback = GetResponseAsyncCallback ?? throw new InvalidOperationException($"{Name}: no GetResponseAsyncCallback.");
        return callback(request, cancellationToken);
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(ChatRequest request, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _callCount);
        _requests.Enqueue(request);
        _called.TrySetResult();
        var callback = GetStreamingResponseAsyncCallback ?? throw new InvalidOperationException($"{Name}: no GetStreamingResponseAsyncCallback.");
        return callback(request, cancellationToken);
    }

    private static async IAsyncEnumerable<ChatResponseUpdate> HangAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        yield break;
    }
}
