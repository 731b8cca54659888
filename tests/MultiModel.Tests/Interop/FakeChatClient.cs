using Microsoft.Extensions.AI;
using AI = Microsoft.Extensions.AI;

namespace MultiModel.Tests.Interop;

/// <summary>An IChatClient whose behaviour is set through callbacks; records what it was sent.</summary>
internal sealed class FakeChatClient : IChatClient
{
    public Func<IList<AI.ChatMessage>, ChatOptions?, CancellationToken, Task<AI.ChatResponse>>? GetResponseAsyncCallback { get; set; }

    public Func<IList<AI.ChatMessage>, ChatOptions?, CancellationToken, IAsyncEnumerable<AI.ChatResponseUpdate>>? GetStreamingResponseAsyncCallback { get; set; }

    public ChatClientMetadata? Metadata { get; set; }

    public List<(IList<AI.ChatMessage> Messages, ChatOptions? Options)> Calls { get; } = [];

    public static FakeChatClient Failing(Exception exception) => new()
    {
        GetResponseAsyncCallback = (_, _, _) => Task.FromException<AI.ChatResponse>(exception),
        GetStreamingResponseAsyncCallback = (_, _, _) => Stream([], exception),
    };

    public Task<AI.ChatResponse> GetResponseAsync(IEnumerable<AI.ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages.ToList();
        Calls.Add((list, options));
        return GetResponseAsyncCallback!(list, options, cancellationToken);
    }

    public IAsyncEnumerable<AI.ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<AI.ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages.ToList();
        Calls.Add((list, options));
        return GetStreamingResponseAsyncCallback!(list, options, cancellationToken);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(ChatClientMetadata) ? Metadata : null;

    public void Dispose()
    {
    }

    public static async IAsyncEnumerable<AI.ChatResponseUpdate> Stream(AI.ChatResponseUpdate[] updates, Exception? failure = null)
    {
        foreach (var update in updates)
        {
            await Task.Yield();
            yield return update;
        }

        if (failure is not null)
        {
            throw failure;
        }
    }
}
