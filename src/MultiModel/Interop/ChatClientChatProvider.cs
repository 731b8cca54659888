using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.AI;
using AI = Microsoft.Extensions.AI;

namespace MultiModel.Interop;

/// <summary>Presents a Microsoft.Extensions.AI <see cref="IChatClient"/> as an <see cref="IChatProvider"/>, so it can take part in a failover chain.</summary>
/// <remarks>
/// <para>
/// The request is validated before the client is called. Failures are translated so that the failover classifier
/// can read them: an <see cref="HttpRequestException"/> with a status becomes a <see cref="ChatProviderException"/>
/// of kind <see cref="ChatProviderErrorKind.HttpStatus"/> with that status, one without a status (and an
/// <see cref="IOException"/>) kind <see cref="ChatProviderErrorKind.Transport"/>, a <see cref="TimeoutException"/> (or
/// an <see cref="OperationCanceledException"/> caused by one while the caller's token is not cancelled) kind
/// <see cref="ChatProviderErrorKind.Timeout"/>, a <see cref="JsonException"/> kind
/// <see cref="ChatProviderErrorKind.MalformedResponse"/>. The caller's cancellation, argument errors and other
/// exceptions pass through unchanged.
/// </para>
/// <para>
/// A stream ends with one final update that carries the last finish reason and the sum of the usage contents seen,
/// as Microsoft.Extensions.AI adds them up. The client belongs to the caller and is never disposed here.
/// </para>
/// </remarks>
internal sealed class ChatClientChatProvider : IChatProvider
{
    private readonly IChatClient _client;

    public ChatClientChatProvider(IChatClient client, string name)
    {
        _client = client;
        Name = name;
        var metadata = client.GetService(typeof(ChatClientMetadata)) as ChatClientMetadata;
        Metadata = new ChatProviderMetadata(
            string.IsNullOrWhiteSpace(metadata?.ProviderName) ? "unknown" : metadata.ProviderName,
            metadata?.ProviderUri,
            metadata?.DefaultModelId);
    }

    public string Name { get; }

    public ChatProviderMetadata Metadata { get; }

    public async Task<ChatResponse> GetResponseAsync(ChatRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        var (messages, options) = MeaiRequestMapper.FromRequest(request);
        try
        {
            var response = await _client.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
            return MeaiResponseMapper.FromMeai(response, Name);
        }
        catch (Exception ex) when (Translate(ex, cancellationToken) is { } translated)
        {
            throw translated;
        }
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(ChatRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        var (messages, options) = MeaiRequestMapper.FromRequest(request);
        return StreamAsync(messages, options, cancellationToken);
    }

    public override string ToString() => $"{nameof(IChatProvider)} {Name} over {_client.GetType().Name}";

    private async IAsyncEnumerable<ChatResponseUpdate> StreamAsync(List<AI.ChatMessage> messages, ChatOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? modelId = null, responseId = null;
        AI.ChatFinishReason? finishReason = null;
        UsageDetails? usage = null;
        var enumerator = _client.GetStreamingResponseAsync(messages, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
        await using (enumerator.ConfigureAwait(false))
        {
            while (true)
            {
                try
                {
                    if (!await enumerator.MoveNextAsync().ConfigureAwait(false))
                    {
                        break;
                    }
                }
                catch (Exception ex) when (Translate(ex, cancellationToken) is { } translated)
                {
                    throw translated;
                }

                var update = enumerator.Current;
                modelId = update.ModelId ?? modelId;
                responseId = update.ResponseId ?? responseId;
                finishReason = update.FinishReason ?? finishReason;
                foreach (var content in update.Contents)
                {
                    if (content is UsageContent { Details: { } details })
                    {
                        (usage ??= new UsageDetails()).Add(details);
                    }
                }

                if (MeaiResponseMapper.FromMeai(update, Name) is { } piece)
                {
                    yield return piece;
                }
            }
        }

        var (reason, raw) = MeaiResponseMapper.FromMeai(finishReason);
        yield return new ChatResponseUpdate
        {
            ProviderName = Name,
            ModelId = modelId,
            ResponseId = responseId,
            IsFinal = true,
            FinishReason = reason,
            RawFinishReason = raw,
            Usage = MeaiResponseMapper.FromMeai(usage) ?? new ChatUsage(),
        };
    }

    /// <summary>Translates a client failure into what the failover classifier reads, or returns <see langword="null"/> to let it through.</summary>
    private ChatProviderException? Translate(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        ChatProviderException => null,
        OperationCanceledException when cancellationToken.IsCancellationRequested => null,
        OperationCanceledException { InnerException: TimeoutException } or TimeoutException =>
            new ChatProviderException(Name, ChatProviderErrorKind.Timeout, $"{Name}: the chat client timed out.", exception),
        HttpRequestException { StatusCode: { } status } =>
            new ChatProviderException(Name, ChatProviderErrorKind.HttpStatus, $"{Name}: the chat client failed with HTTP {(int)status}.", exception)
            {
                StatusCode = (int)status,
                ProviderMessage = exception.Message,
            },
        HttpRequestException or IOException =>
            new ChatProviderException(Name, ChatProviderErrorKind.Transport, $"{Name}: the chat client's connection failed.", exception),
        JsonException =>
            new ChatProviderException(Name, ChatProviderErrorKind.MalformedResponse, $"{Name}: the chat client's answer could not be read.", exception),
        _ => null,
    };
}
