using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using AI = Microsoft.Extensions.AI;

namespace MultiModel.Interop;

/// <summary>Presents an <see cref="IChatProvider"/> (a failover chain included) as a Microsoft.Extensions.AI <see cref="IChatClient"/>.</summary>
/// <remarks>Thread-safe as the provider is. The provider belongs to the caller: <see cref="Dispose"/> does nothing to it.</remarks>
internal sealed class ChatProviderChatClient : IChatClient
{
    private readonly ChatClientMetadata _metadata;

    public ChatProviderChatClient(IChatProvider provider)
    {
        Provider = provider;
        var metadata = provider.Metadata;
        _metadata = new ChatClientMetadata(metadata.ProviderSystem, metadata.Endpoint, metadata.DefaultModelId);
    }

    public IChatProvider Provider { get; }

    public async Task<AI.ChatResponse> GetResponseAsync(IEnumerable<AI.ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var request = MeaiRequestMapper.ToRequest(messages, options);
        var response = await Provider.GetResponseAsync(request, cancellationToken).ConfigureAwait(false);
        return MeaiResponseMapper.ToMeai(response);
    }

    public IAsyncEnumerable<AI.ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<AI.ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var request = MeaiRequestMapper.ToRequest(messages, options);
        return StreamAsync(request, cancellationToken);
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        if (serviceType == typeof(ChatClientMetadata))
        {
            return _metadata;
        }

        if (serviceType.IsInstanceOfType(Provider))
        {
            return Provider;
        }

        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    public void Dispose()
    {
        // The provider belongs to the caller.
    }

    public override string ToString() => $"{nameof(IChatClient)} over {Provider.Name}";

    private async IAsyncEnumerable<AI.ChatResponseUpdate> StreamAsync(ChatRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var update in Provider.GetStreamingResponseAsync(request, cancellationToken).ConfigureAwait(false))
        {
            yield return MeaiResponseMapper.ToMeai(update);
        }
    }
}
