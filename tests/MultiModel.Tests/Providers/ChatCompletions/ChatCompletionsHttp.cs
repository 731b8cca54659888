using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using RichardSzalay.MockHttp;

namespace MultiModel.Tests.Providers.ChatCompletions;

/// <summary>A MockHttp handler for one test: expectations that capture what was sent, and a fallback that fails the test.</summary>
internal sealed class ChatCompletionsHttp : IDisposable
{
    public ChatCompletionsHttp()
    {
        Handler.Fallback.Respond(request => throw new AssertionException($"Unexpected request: {request.Method} {request.RequestUri}"));
        Client = Handler.ToHttpClient();
    }

    public MockHttpMessageHandler Handler { get; } = new();

    public HttpClient Client { get; }

    /// <summary>Expects one POST to <paramref name="url"/> and answers with the given status, body and headers.</summary>
    public SentRequest Expect(
        string url,
        string body,
        HttpStatusCode status = HttpStatusCode.OK,
        string mediaType = "application/json",
        params (string Name, string Value)[] headers)
    {
        var sent = new SentRequest();
        Handler.Expect(HttpMethod.Post, url).Respond(request =>
        {
            sent.Capture(request);
            var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, mediaType) };
            foreach (var (name, value) in headers)
            {
                response.Headers.TryAddWithoutValidation(name, value);
            }

            return response;
        });
        return sent;
    }

    /// <summary>Expects one POST answered with a <c>text/event-stream</c> body made of the given raw SSE text.</summary>
    public SentRequest ExpectStream(string url, string sse) => Expect(url, sse, HttpStatusCode.OK, "text/event-stream");

    /// <summary>Answers any request with 200 and counts the calls; for tests that expect no call at all.</summary>
    public MockedRequest AnswerAnything() => Handler.When("*").Respond(HttpStatusCode.OK, "application/json", "{}");

    /// <summary>Builds a data-only SSE body from JSON payloads (and <c>[DONE]</c>).</summary>
    public static string Sse(params string[] data) => string.Concat(data.Select(d => $"data: {d}\n\n"));

    public static async Task<List<ChatResponseUpdate>> CollectAsync(IAsyncEnumerable<ChatResponseUpdate> updates)
    {
        var list = new List<ChatResponseUpdate>();
        await foreach (var update in updates)
        {
            list.Add(update);
        }

        return list;
    }

    public static void AssertJsonEqual(string? actual, string expected)
    {
        Assert.That(actual, Is.Not.Null, "no body was sent");
        Assert.That(JsonNode.DeepEquals(JsonNode.Parse(actual!), JsonNode.Parse(expected)), Is.True, $"sent body: {actual}");
    }

    public void Dispose()
    {
        Client.Dispose();
        Handler.Dispose();
    }
}

/// <summary>What the code under test sent: URL, headers and body, copied when the request arrived.</summary>
internal sealed class SentRequest
{
    public Uri? Url { get; private set; }

    public string? Body { get; private set; }

    public string? ContentType { get; private set; }

    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    public void Capture(HttpRequestMessage request)
    {
        Url = request.RequestUri;
        foreach (var header in request.Headers)
        {
            Headers[header.Key] = string.Join(",", header.Value);
        }

        ContentType = request.Content?.Headers.ContentType?.ToString();
        Body = request.Content?.ReadAsStringAsync().GetAwaiter().GetResult();
    }
}
