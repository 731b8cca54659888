using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using MultiModel.Providers.Claude;
using RichardSzalay.MockHttp;

namespace MultiModel.Tests.Providers.Claude;

/// <summary>One provider wired to its own MockHttp handler; every test builds its own, so nothing is shared.</summary>
internal sealed class ClaudeHarness : IDisposable
{
    /// <summary>A distinctive key, so that a leak anywhere is easy to find.</summary>
    public const string ApiKey = "sk-ant-api03-LEAKCHECK-7f3c9a1e5b2d8c4f6a0e";

    public const string MessagesUrl = "https://api.anthropic.com/v1/messages";

    private readonly HttpClient _client;
    private readonly ConcurrentQueue<CapturedRequest> _requests = new();

    public ClaudeHarness(Action<ClaudeProviderOptions>? configure = null, TimeProvider? timeProvider = null)
    {
        Http = new MockHttpMessageHandler();
        Http.Fallback.Throw(new AssertionException("The provider sent a request that no test expected."));
        Options = new ClaudeProviderOptions { ApiKey = ApiKey };
        configure?.Invoke(Options);
        _client = Http.ToHttpClient();
        Provider = new ClaudeChatProvider(_client, Options, timeProvider);
    }

    public MockHttpMessageHandler Http { get; }

    public ClaudeProviderOptions Options { get; }

    public ClaudeChatProvider Provider { get; }

    /// <summary>Gets the requests the provider sent, in order.</summary>
    public IReadOnlyList<CapturedRequest> Requests => [.. _requests];

    /// <summary>Expects one POST to <paramref name="url"/> and answers it.</summary>
    public MockedRequest Expect(HttpStatusCode status, string body, string mediaType = "application/json", IEnumerable<KeyValuePair<string, string>>? headers = null, string url = MessagesUrl) =>
        Expect(status, Encoding.UTF8.GetBytes(body), mediaType, headers, url);

    public MockedRequest Expect(HttpStatusCode status, byte[] body, string mediaType = "application/json", IEnumerable<KeyValuePair<string, string>>? headers = null, string url = MessagesUrl) =>
        ExpectContent(status, () => new ByteArrayContent(body), mediaType, headers, url);

    /// <summary>Expects one streamed POST and answers it with an event stream.</summary>
    public MockedRequest ExpectSse(string events) => Expect(HttpStatusCode.OK, events, "text/event-stream");

    /// <summary>Expects one POST and answers it with content built for the occasion (for example a stream that never ends).</summary>
    public MockedRequest ExpectContent(HttpStatusCode status, Func<HttpContent> content, string mediaType, IEnumerable<KeyValuePair<string, string>>? headers = null, string url = MessagesUrl)
    {
        var expectation = Http.Expect(HttpMethod.Post, url);
        expectation.Respond(async request =>
        {
            _requests.Enqueue(await CapturedRequest.FromAsync(request));
            var response = new HttpResponseMessage(status) { Content = content() };
            response.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(mediaType);
            foreach (var header in headers ?? [])
            {
                response.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            return response;
        });
        return expectation;
    }

    public static ChatRequest UserRequest(string text = "Hello") => new(text);

    public static async Task<List<ChatResponseUpdate>> CollectAsync(IAsyncEnumerable<ChatResponseUpdate> updates, List<ChatResponseUpdate>? into = null)
    {
        var list = into ?? [];
        await foreach (var update in updates)
        {
            list.Add(update);
        }

        return list;
    }

    public static void AssertJsonEquals(string actual, string expected)
    {
        var actualNode = JsonNode.Parse(actual);
        var expectedNode = JsonNode.Parse(expected);
        Assert.That(JsonNode.DeepEquals(actualNode, expectedNode), Is.True, $"Expected {expectedNode?.ToJsonString()}{Environment.NewLine}but was  {actualNode?.ToJsonString()}");
    }

    public void Dispose()
    {
        _client.Dispose();
        Http.Dispose();
    }
}

/// <summary>What the provider put on the wire.</summary>
internal sealed record CapturedRequest(HttpMethod Method, Uri? Uri, IReadOnlyDictionary<string, string> Headers, MediaTypeHeaderValue? ContentType, string Body)
{
    public static async Task<CapturedRequest> FromAsync(HttpRequestMessage request)
    {
        var headers = request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => string.Join(",", h.Value));
        var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync();
        return new CapturedRequest(request.Method, request.RequestUri, headers, request.Content?.Headers.ContentType, body);
    }
}

/// <summary>A clock stopped at one instant.</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
