using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace MultiModel.Internal;

/// <summary>
/// The plumbing every HTTP provider shares: sending, turning error statuses and broken bodies into
/// <see cref="ChatProviderException"/>, reading JSON and SSE. It holds no retry logic: that belongs to the HTTP pipeline.
/// </summary>
internal sealed partial class ProviderTransport
{
    private const int MaxErrorBodyBytes = 64 * 1024;

    private readonly HttpClient _httpClient;
    private readonly ProviderErrorParser _errorParser;
    private readonly string? _secret;
    private readonly TimeProvider _timeProvider;

    public ProviderTransport(HttpClient httpClient, string providerName, ProviderErrorParser errorParser, string? secret, TimeProvider? timeProvider)
    {
        _httpClient = httpClient;
        ProviderName = providerName;
        _errorParser = errorParser;
        _secret = string.IsNullOrEmpty(secret) ? null : secret;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    public string ProviderName { get; }

    /// <summary>Sends the request; returns a successful response or throws <see cref="ChatProviderException"/>.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, bool streaming, CancellationToken cancellationToken)
    {
        AttemptDeadline.Stamp(request);
        HttpResponseMessage response;
        try
        {
            response = await _httpClient.SendAsync(
                request,
                streaming ? HttpCompletionOption.ResponseHeadersRead : HttpCompletionOption.ResponseContentRead,
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (TryWrapTransportFailure(ex, cancellationToken, out var wrapped))
        {
            throw wrapped;
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw await CreateStatusExceptionAsync(response, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Reads a whole JSON body into <typeparamref name="T"/>; an empty, invalid or null body is a malformed answer.</summary>
    public async ValueTask<T> ReadJsonAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                var value = await JsonSerializer.DeserializeAsync(stream, typeInfo, cancellationToken).ConfigureAwait(false);
                return value ?? throw Malformed("The response body is JSON null.", response);
            }
        }
        catch (JsonException ex)
        {
            throw Malformed(ex.BytePositionInLine is null && ex.LineNumber is 0 or null ? "The response body is empty or not JSON." : "The response body is not valid JSON.", response, ex);
        }
        catch (Exception ex) when (TryWrapTransportFailure(ex, cancellationToken, out var wrapped))
        {
            throw wrapped;
        }
    }

    /// <summary>Enumerates the SSE items of a streamed body; I/O failures become transport errors, parse failures malformed answers.</summary>
    public async IAsyncEnumerable<SseItem<T>> ReadSseAsync<T>(
        HttpResponseMessage response,
        SseItemParser<T> itemParser,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Stream stream;
        try
        {
            stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (TryWrapTransportFailure(ex, cancellationToken, out var wrapped))
        {
            throw wrapped;
        }

        await using (stream.ConfigureAwait(false))
        {
            var enumerator = SseParser.Create(stream, itemParser).EnumerateAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
            await using (enumerator.ConfigureAwait(false))
            {
                while (true)
                {
                    try
                    {
                        if (!await enumerator.MoveNextAsync().ConfigureAwait(false))
                        {
                            yield break;
                        }
                    }
                    catch (JsonException ex)
                    {
                        throw Malformed("A stream event is not valid JSON.", response, ex);
                    }
                    catch (Exception ex) when (TryWrapTransportFailure(ex, cancellationToken, out var wrapped))
                    {
                        throw wrapped;
                    }

                    yield return enumerator.Current;
                }
            }
        }
    }
}
