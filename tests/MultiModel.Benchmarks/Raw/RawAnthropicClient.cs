using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace MultiModel.Benchmarks.Raw;

/// <summary>
/// The floor for the Anthropic wire format: one <see cref="HttpClient"/>, a source-generated minimal DTO, no
/// validation, no error mapping. Whatever MultiModel costs on top of this is its own overhead.
/// </summary>
internal sealed class RawAnthropicClient(HttpClient http, Uri baseUrl, string apiKey, string model)
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private readonly Uri _endpoint = new(baseUrl, "/v1/messages");

    public async Task<string> GetTextAsync(string prompt, int maxTokens, CancellationToken cancellationToken = default)
    {
        using var request = CreateRequest(prompt, maxTokens, stream: false);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var answer = await JsonSerializer.DeserializeAsync(stream, RawJsonContext.Default.RawAnthropicResponse, cancellationToken).ConfigureAwait(false);
            return answer?.Content is [{ Text: { } text }, ..] ? text : throw new InvalidOperationException("No text in the answer.");
        }
    }

    /// <summary>Sends and returns only the status: the round trip of a failing call (used as the failed primary).</summary>
    public async Task<int> GetStatusAsync(string prompt, int maxTokens, CancellationToken cancellationToken = default)
    {
        using var request = CreateRequest(prompt, maxTokens, stream: false);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        return (int)response.StatusCode;
    }

    public async IAsyncEnumerable<string> StreamTextAsync(string prompt, int maxTokens, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var request = CreateRequest(prompt, maxTokens, stream: true);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var parser = SseParser.Create(stream, static (_, data) => JsonSerializer.Deserialize(data, RawJsonContext.Default.RawAnthropicEvent));
            await foreach (var item in parser.EnumerateAsync(cancellationToken).ConfigureAwait(false))
            {
                if (item.Data is { Type: "content_block_delta", Delta.Text: { } text })
                {
                    yield return text;
                }
                else if (item.Data is { Type: "message_stop" })
                {
                    yield break;
                }
            }
        }
    }

    private HttpRequestMessage CreateRequest(string prompt, int maxTokens, bool stream)
    {
        var body = new RawAnthropicRequest
        {
            Model = model,
            MaxTokens = maxTokens,
            Messages = [new RawMessage { Role = "user", Content = prompt }],
            Stream = stream ? true : null,
        };
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, RawJsonContext.Default.RawAnthropicRequest));
        content.Headers.ContentType = Json;
        var request = new HttpRequestMessage(HttpMethod.Post, _endpoint) { Content = content };
        request.Headers.TryAddWithoutValidation("x-api-key", apiKey);
        request.Headers.TryAddWithoutValidation("anthropic-version", "2023-06-01");
        request.Headers.TryAddWithoutValidation("accept", stream ? "text/event-stream" : "application/json");
        return request;
    }
}
