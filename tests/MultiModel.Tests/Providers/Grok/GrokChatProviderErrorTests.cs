using System.Net;
using MultiModel.Providers.Grok;
using MultiModel.Tests.Providers.ChatCompletions;
using static MultiModel.Tests.Providers.ChatCompletions.ChatCompletionsHttp;
using static MultiModel.Tests.Providers.Grok.GrokTestData;

namespace MultiModel.Tests.Providers.Grok;

[Parallelizable(ParallelScope.All)]
public class GrokChatProviderErrorTests
{
    [Test]
    public async Task GetResponseAsync_400WrongKey_IsTypedAndNeverShowsTheKey()
    {
        using var http = new ChatCompletionsHttp();
        http.Expect(
            Url,
            $$"""{"code":"Client specified an invalid argument","error":"Incorrect API key provided: {{ApiKey}}. You can obtain an API key from https://console.x.ai."}""",
            HttpStatusCode.BadRequest,
            headers: ("x-request-id", "req-400"));
        var options = new GrokProviderOptions { ApiKey = ApiKey };
        var provider = new GrokChatProvider(http.Client, options);

        var ex = Assert.ThrowsAsync<ChatProviderException>(() => provider.GetResponseAsync(new ChatRequest("Hi")));

        Assert.Multiple(() =>
        {
            Assert.That(ex.Kind, Is.EqualTo(ChatProviderErrorKind.HttpStatus));
            Assert.That(ex.StatusCode, Is.EqualTo(400));
            Assert.That(ex.ErrorType, Is.EqualTo("Client specified an invalid argument"));
            Assert.That(ex.ProviderMessage, Does.StartWith("Incorrect API key provided: ***."));
            Assert.That(ex.RequestId, Is.EqualTo("req-400"));
            Assert.That(ex.IsTransient, Is.False);
            Assert.That(ex.IsContextLengthExceeded, Is.False);
            Assert.That(ex.ProviderName, Is.EqualTo("grok"));
            foreach (var text in new[] { ex.Message, ex.ToString(), ex.ResponseBody, ex.ProviderMessage, options.ToString(), provider.ToString() })
            {
                Assert.That(text, Does.Not.Contain(ApiKey));
            }
        });
    }

    [Test]
    public void GetResponseAsync_400ContextLength_SetsIsContextLengthExceeded()
    {
        using var http = new ChatCompletionsHttp();
        http.Expect(
            Url,
            """{"code":"Client specified an invalid argument","error":"This model's maximum prompt length is 131072 but the request contains 625077 tokens."}""",
            HttpStatusCode.BadRequest);

        var ex = Assert.ThrowsAsync<ChatProviderException>(() => CreateProvider(http.Client).GetResponseAsync(new ChatRequest("Hi")));

        Assert.That(ex.IsContextLengthExceeded, Is.True);
        Assert.That(ex.IsTransient, Is.False);
        Assert.That(ex.Message, Does.Contain("maximum prompt length is 131072"));
    }

    [TestCase(HttpStatusCode.Unauthorized, """{"code":"Unauthenticated","error":"Missing bearer token."}""", "Unauthenticated", "Missing bearer token.", false)]
    [TestCase(HttpStatusCode.NotFound, """{"code":"Some requested entity was not found","error":"The model grok-9 does not exist."}""", "Some requested entity was not found", "The model grok-9 does not exist.", false)]
    [TestCase(HttpStatusCode.InternalServerError, """{"error":"Internal error."}""", null, "Internal error.", true)]
    [TestCase(HttpStatusCode.ServiceUnavailable, """{"code":"The service is currently unavailable","error":"Service temporarily unavailable. The model is at capacity and currently cannot serve this request. Please try again later."}""", "The service is currently unavailable", "Service temporarily unavailable. The model is at capacity and currently cannot serve this request. Please try again later.", true)]
    [TestCase(HttpStatusCode.BadRequest, """{"error":{"message":"Invalid 'temperature'.","type":"invalid_request_error","param":"temperature","code":"invalid_value"}}""", "invalid_request_error", "Invalid 'temperature'.", false)]
    [TestCase(HttpStatusCode.BadRequest, """{"error":{"message":"Too long.","type":null,"code":"context_length_exceeded"}}""", "context_length_exceeded", "Too long.", false)]
    public void GetResponseAsync_ErrorStatus_IsTypedWithProviderDetails(HttpStatusCode status, string body, string? type, string message, bool transient)
    {
        using var http = new ChatCompletionsHttp();
        http.Expect(Url, body, status, headers: ("x-request-id", "req-e"));

        var ex = Assert.ThrowsAsync<ChatProviderException>(() => CreateProvider(http.Client).GetResponseAsync(new ChatRequest("Hi")));

        Assert.Multiple(() =>
        {
            Assert.That(ex.StatusCode, Is.EqualTo((int)status));
            Assert.That(ex.ErrorType, Is.EqualTo(type));
            Assert.That(ex.ProviderMessage, Is.EqualTo(message));
            Assert.That(ex.RequestId, Is.EqualTo("req-e"));
            Assert.That(ex.IsTransient, Is.EqualTo(transient));
            Assert.That(ex.ResponseBody, Is.EqualTo(body));
            Assert.That(ex.Message, Does.Contain(message));
        });
    }

    [Test]
    public void GetResponseAsync_422PlainText_UsesTheTextAsMessage()
    {
        using var http = new ChatCompletionsHttp();
        const string body = "Failed to deserialize the JSON body into the target type: messages[0]: missing field `content` at line 1 column 42";
        http.Expect(Url, body, HttpStatusCode.UnprocessableEntity, "text/plain");

        var ex = Assert.ThrowsAsync<ChatProviderException>(() => CreateProvider(http.Client).GetResponseAsync(new ChatRequest("Hi")));

        Assert.Multiple(() =>
        {
            Assert.That(ex.StatusCode, Is.EqualTo(422));
            Assert.That(ex.ErrorType, Is.Null);
            Assert.That(ex.ProviderMessage, Is.EqualTo(body));
            Assert.That(ex.Message, Does.Contain("Failed to deserialize"));
            Assert.That(ex.IsTransient, Is.False);
        });
    }

    [Test]
    public void GetResponseAsync_429WithRetryAfter_IsTransientWithDelay()
    {
        using var http = new ChatCompletionsHttp();
        http.Expect(
            Url,
            """{"code":"Too many requests","error":"Too many tokens for team t-1 and model grok-4. Tokens per Minute (actual/limit): 120000/100000"}""",
            HttpStatusCode.TooManyRequests,
            headers: [("retry-after", "7"), ("x-request-id", "req-429")]);

        var ex = Assert.ThrowsAsync<ChatProviderException>(() => CreateProvider(http.Client).GetResponseAsync(new ChatRequest("Hi")));

        Assert.Multiple(() =>
        {
            Assert.That(ex.StatusCode, Is.EqualTo(429));
            Assert.That(ex.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(7)));
            Assert.That(ex.RequestId, Is.EqualTo("req-429"));
            Assert.That(ex.IsTransient, Is.True);
        });
    }

    [Test]
    public void GetResponseAsync_429RetryAfterDate_IsMeasuredWithTheGivenClock()
    {
        using var http = new ChatCompletionsHttp();
        var now = new DateTimeOffset(2026, 3, 2, 9, 48, 0, TimeSpan.Zero);
        http.Expect(Url, """{"error":"Slow down."}""", HttpStatusCode.TooManyRequests, headers: ("retry-after", now.AddSeconds(30).ToString("r")));
        var provider = new GrokChatProvider(http.Client, new GrokProviderOptions { ApiKey = ApiKey }, new FixedTimeProvider(now));

        var ex = Assert.ThrowsAsync<ChatProviderException>(() => provider.GetResponseAsync(new ChatRequest("Hi")));

        Assert.That(ex.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(30)));
    }

    [Test]
    public void GetResponseAsync_429SpendingLimit_IsNotTransient()
    {
        using var http = new ChatCompletionsHttp();
        http.Expect(
            Url,
            """{"code":"Too many requests","error":"Your team t-1 has reached its monthly spending limit."}""",
            HttpStatusCode.TooManyRequests);

        var ex = Assert.ThrowsAsync<ChatProviderException>(() => CreateProvider(http.Client).GetResponseAsync(new ChatRequest("Hi")));

        Assert.That(ex.StatusCode, Is.EqualTo(429));
        Assert.That(ex.IsTransient, Is.False);
    }

    [Test]
    public void GetStreamingResponseAsync_503AtCapacity_ThrowsBeforeAnyUpdate()
    {
        using var http = new ChatCompletionsHttp();
        http.Expect(
            Url,
            """{"code":"The service is currently unavailable","error":"The model is at capacity and currently cannot serve this request."}""",
            HttpStatusCode.ServiceUnavailable);
        var updates = 0;

        var ex = Assert.ThrowsAsync<ChatProviderException>(async () =>
        {
            await foreach (var update in CreateProvider(http.Client).GetStreamingResponseAsync(new ChatRequest("Hi")))
            {
                updates++;
            }
        });

        Assert.That(updates, Is.Zero);
        Assert.That(ex.StatusCode, Is.EqualTo(503));
        Assert.That(ex.ErrorType, Is.EqualTo("The service is currently unavailable"));
        Assert.That(ex.IsTransient, Is.True);
    }

    private sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
