using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace MultiModel.Benchmarks.Raw;

/// <summary>The floor for the chat-completions wire format (xAI): one <see cref="HttpClient"/> and a source-generated minimal DTO.</summary>
internal sealed class RawXaiClient(HttpClient http, Uri baseUrl, string apiKey, string model)
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private readonly Uri _endpoint = new(baseUrl.ToString().TrimEnd('/') + "/chat/completions");
    private readonly AuthenticationHeaderValue _authorization = new("Bearer", apiKey);

    public async Task<string> GetTextAsync(string prompt, int maxTokens, CancellationToken cancellationToken = default)
    {
        using var request = CreateRequest(prompt, maxTokens, stream: false);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var answer = await JsonSerializer.DeserializeAsync(stream, RawJsonContext.Default.RawXaiResponse, cancellationToken).ConfigureAwait(false);
            return answer?.Choices is [{ Message.Content: { } text }, ..] ? text : throw new InvalidOperationException("No text in the answer.");
        }
    }

    public async IAsyncEnumerable<string> StreamTextAsync(string prompt, int maxTokens, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var request = CreateRequest(prompt, maxTokens, stream: true);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var parser = SseParser.Create(stream, static (_, data) =>
                data.SequenceEqual("[DONE]"u8) ? null : JsonSerializer.Deserialize(data, RawJsonContext.Default.RawXaiResponse));
            await foreach (var item in parser.EnumerateAsync(cancellationToken).ConfigureAwait(false))
            {
                if (item.Data is null)
                {
                    yield break;
                }

                if (item.Data.Choices is [{ Delta.Content: { Length: > 0 } text }, ..])
                {
                    yield return text;
                }
            }
        }
    }

    private HttpRequestMessage CreateRequest(string prompt, int maxTokens, bool stream)
    {
        var body = new RawXaiRequest
        {
            Model = model,
            MaxCompletionTokens = maxTokens,
            Messages = [new RawMessage { Role = "user", Content = prompt }],
            Stream = stream ? true : null,
        };
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, RawJsonContext.Default.RawXaiRequest));
        content.Headers.ContentType = Json;
        var request = new HttpRequestMessage(HttpMethod.Post, _endpoint) { Content = content };
        request.Headers.Authorization = _authorization;
        return request;
    }
}
