using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using MultiModel.Internal;

namespace MultiModel.Providers.ChatCompletions;

/// <summary>
/// Speaks the OpenAI-compatible chat-completions format for one configured endpoint: builds the request, sends it
/// through <see cref="ProviderTransport"/>, and reads the JSON or SSE answer and the errors.
/// </summary>
/// <remarks>Immutable after construction; safe for concurrent calls. The <see cref="HttpClient"/> belongs to the caller.</remarks>
internal sealed class ChatCompletionsClient
{
    private const string DoneMarker = "data: [DONE]";

    private readonly ProviderTransport _transport;

    public ChatCompletionsClient(HttpClient httpClient, ChatCompletionsSettings settings, TimeProvider? timeProvider)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        Settings = settings;
        _transport = new ProviderTransport(httpClient, settings.ProviderName, ChatCompletionsErrorParser.Instance, settings.ApiKey, timeProvider);
    }

    public ChatCompletionsSettings Settings { get; }

    /// <summary>Sends a request and reads the whole answer.</summary>
    public async Task<ChatResponse> GetResponseAsync(ChatRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = ChatCompletionsRequestWriter.WriteBody(request, Settings, streaming: false);
        cancellationToken.ThrowIfCancellationRequested();

        using var message = ChatCompletionsRequestWriter.CreateHttpRequest(body, Settings);
        using var response = await _transport.SendAsync(message, streaming: false, cancellationToken).ConfigureAwait(false);
        var answer = await _transport.ReadJsonAsync(response, ChatCompletionsJsonContext.Default.ChatCompletionsResponseDto, cancellationToken)
            .ConfigureAwait(false);

        if (answer.FirstChoice is not { } choice)
        {
            throw answer.HasError
                ? _transport.StreamError(Encoding.UTF8.GetBytes($$"""{"error":{{answer.Error!.Value.GetRawText()}}}"""), response)
                : _transport.Malformed("The answer has no choices.", response);
        }

        var content = choice.Message ?? throw _transport.Malformed("The first choice has no message.", response);
        var toolCalls = ChatCompletionsToolCallReader.ReadWhole(content.ToolCalls, _transport, response);
        return ChatCompletionsResponseMapper.ToChatResponse(answer, choice, content, toolCalls, Settings);
    }

    /// <summary>Validates and serializes the request now, then streams the answer when enumerated.</summary>
    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(ChatRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = ChatCompletionsRequestWriter.WriteBody(request, Settings, streaming: true);
        return StreamAsync(body, cancellationToken);
    }

    private async IAsyncEnumerable<ChatResponseUpdate> StreamAsync(byte[] body, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var message = ChatCompletionsRequestWriter.CreateHttpRequest(body, Settings);
        using var response = await _transport.SendAsync(message, streaming: true, cancellationToken).ConfigureAwait(false);

        var state = new ChatCompletionsStreamState(Settings);
        await foreach (var item in _transport.ReadSseAsync(response, ParseEvent, cancellationToken).ConfigureAwait(false))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var streamEvent = item.Data;
            switch (streamEvent.Kind)
            {
                case ChatCompletionsStreamEventKind.Done:
                    if (state.TakeToolCalls(_transport, response) is { } lastCalls)
                    {
                        yield return lastCalls;
                    }

                    yield return state.CreateFinalUpdate();
                    yield break;
                case ChatCompletionsStreamEventKind.Error:
                    throw _transport.StreamError(streamEvent.ErrorPayload, response);
                case ChatCompletionsStreamEventKind.Chunk:
                    var chunk = streamEvent.Chunk ?? throw _transport.Malformed("A stream event is JSON null.", response);
                    if (state.Apply(chunk) is { } update)
                    {
                        yield return update;
                    }

                    if (state.ChoiceFinished && state.TakeToolCalls(_transport, response) is { } calls)
                    {
                        yield return calls;
                    }

                    break;
            }
        }

        throw _transport.Truncated(DoneMarker, response);
    }

    private static ChatCompletionsStreamEvent ParseEvent(string eventType, ReadOnlySpan<byte> data)
    {
        var trimmed = data.Trim((byte)' ');
        if (trimmed.SequenceEqual("[DONE]"u8))
        {
            return new ChatCompletionsStreamEvent(ChatCompletionsStreamEventKind.Done, null, null);
        }

        if (trimmed.IsEmpty)
        {
            return new ChatCompletionsStreamEvent(ChatCompletionsStreamEventKind.Empty, null, null);
        }

        if (string.Equals(eventType, "error", StringComparison.Ordinal))
        {
            return new ChatCompletionsStreamEvent(ChatCompletionsStreamEventKind.Error, null, data.ToArray());
        }

        var chunk = JsonSerializer.Deserialize(data, ChatCompletionsJsonContext.Default.ChatCompletionsResponseDto);
        return chunk is { HasError: true }
            ? new ChatCompletionsStreamEvent(ChatCompletionsStreamEventKind.Error, null, data.ToArray())
            : new ChatCompletionsStreamEvent(ChatCompletionsStreamEventKind.Chunk, chunk, null);
    }
}
