using System.Net;
using RichardSzalay.MockHttp;

namespace MultiModel.Tests.Providers.Claude;

[Parallelizable(ParallelScope.All)]
public class ClaudeChatProviderErrorTests
{
    [Test]
    public void GetResponseAsync_400InvalidRequest_ThrowsTypedNonTransientError()
    {
        using var harness = new ClaudeHarness();
        harness.Expect(HttpStatusCode.BadRequest, """
            {"type":"error","error":{"type":"invalid_request_error","message":"max_tokens: Field required"},"request_id":"req_011Body"}
            """, headers: [new("request-id", "req_011Header")]);

        var ex = Assert.ThrowsAsync<ChatProviderException>(() => harness.Provider.GetResponseAsync(new ChatRequest("Hi")));

        harness.Http.VerifyNoOutstandingExpectation();
        Assert.Multiple(() =>
        {
            Assert.That(ex.ProviderName, Is.EqualTo("claude"));
            Assert.That(ex.Kind, Is.EqualTo(ChatProviderErrorKind.HttpStatus));
            Assert.That(ex.StatusCode, Is.EqualTo(400));
            Assert.That(ex.ErrorType, Is.EqualTo("invalid_request_error"));
            Assert.That(ex.ProviderMessage, Is.EqualTo("max_tokens: Field required"));
            Assert.That(ex.RequestId, Is.EqualTo("req_011Body"), "the body's request_id wins over the header");
            Assert.That(ex.IsContextLengthExceeded, Is.False);
            Assert.That(ex.IsTransient, Is.False);
            Assert.That(ex.RetryAfter, Is.Null);
            Assert.That(ex.Message, Does.Contain("400").And.Contain("invalid_request_error").And.Contain("max_tokens: Field required"));
            Assert.That(ex.ResponseBody, Does.Contain("\"request_id\":\"req_011Body\""));
        });
    }

    [Test]
    public void GetResponseAsync_400PromptTooLong_IsContextLengthExceeded()
    {
        using var harness = new ClaudeHarness();
        harness.Expect(HttpStatusCode.BadRequest, """
            {"type":"error","error":{"type":"invalid_request_error","message":"prompt is too long: 3333404 tokens > 200000 maximum"},"request_id":"req_1"}
            """, headers: [new("x-should-retry", "false")]);

        var ex = Assert.ThrowsAsync<ChatProviderException>(() => harness.Provider.GetResponseAsync(new ChatRequest("Hi")));

        Assert.Multiple(() =>
        {
            Assert.That(ex.IsContextLengthExceeded, Is.True);
            Assert.That(ex.ErrorType, Is.EqualTo("invalid_request_error"));
            Assert.That(ex.ShouldRetry, Is.False);
            Assert.That(ex.IsTransient, Is.False);
        });
    }

    [Test]
    public void GetResponseAsync_401WithShouldRetryFalse_IsAuthenticationErrorAndNotTransient()
    {
        using var harness = new ClaudeHarness();
        harness.Expect(HttpStatusCode.Unauthorized, """
            {"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"},"request_id":"req_401"}
            """, headers: [new("x-should-retry", "false")]);

        var ex = Assert.ThrowsAsync<ChatProviderException>(() => harness.Provider.GetResponseAsync(new ChatRequest("Hi")));

        Assert.Multiple(() =>
        {
            Assert.That(ex.StatusCode, Is.EqualTo(401));
            Assert.That(ex.ErrorType, Is.EqualTo("authentication_error"));
            Assert.That(ex.ProviderMessage, Is.EqualTo("invalid x-api-key"));
            Assert.That(ex.ShouldRetry, Is.False);
            Assert.That(ex.IsTransient, Is.False);
            Assert.That(ex.RequestId, Is.EqualTo("req_401"));
        });
    }

    [Test]
    public void GetResponseAsync_404NotFound_UsesHeaderRequestIdWhenBodyHasNone()
    {
        using var harness = new ClaudeHarness();
        harness.Expect(HttpStatusCode.NotFound, """
            {"type":"error","error":{"type":"not_found_error","message":"model: claude-does-not-exist"}}
            """, headers: [new("request-id", "req_fromHeader")]);

        var ex = Assert.ThrowsAsync<ChatProviderException>(() => harness.Provider.GetResponseAsync(new ChatRequest("Hi") { ModelId = "claude-does-not-exist" }));

        Assert.Multiple(() =>
        {
            Assert.That(ex.StatusCode, Is.EqualTo(404));
            Assert.That(ex.ErrorType, Is.EqualTo("not_found_error"));
            Assert.That(ex.ProviderMessage, Is.EqualTo("model: claude-does-not-exist"));
            Assert.That(ex.RequestId, Is.EqualTo("req_fromHeader"));
            Assert.That(ex.IsTransient, Is.False);
            Assert.That(ex.ToString(), Does.Contain("req_fromHeader"));
        });
    }

    [Test]
    public void GetResponseAsync_413NonJsonBody_ThrowsTypedErrorWithBody()
    {
        using var harness = new ClaudeHarness();
        const string Html = "<html><head><title>413 Request Entity Too Large</title></head><body><center><h1>413 Request Entity Too Large</h1></center><hr><center>cloudflare</center></body></html>";
        harness.Expect(HttpStatusCode.RequestEntityTooLarge, Html, "text/html");

        var ex = Assert.ThrowsAsync<ChatProviderException>(() => harness.Provider.GetResponseAsync(new ChatRequest("Hi")));

        Assert.Multiple(() =>
        {
            Assert.That(ex.Kind, Is.EqualTo(ChatProviderErrorKind.HttpStatus));
            Assert.That(ex.StatusCode, Is.EqualTo(413));
            Assert.That(ex.ErrorType, Is.Null);
            Assert.That(ex.ProviderMessage, Is.Null);
            Assert.That(ex.ResponseBody, Is.EqualTo(Html));
            Assert.That(ex.IsTransient, Is.False);
            Assert.That(ex.Message, Does.Contain("413"));
            Assert.That(ex.InnerException, Is.Null);
        });
    }

    [Test]
    public void GetResponseAsync_429WithRetryAfterSeconds_IsTransientWithDelay()
    {
        using var harness = new ClaudeHarness();
        harness.Expect(HttpStatusCode.TooManyRequests, """
            {"type":"error","error":{"type":"rate_limit_error","message":"Number of request tokens has exceeded your per-minute rate limit"},"request_id":"req_429"}
            """, headers: [new("retry-after", "17")]);

        var ex = Assert.ThrowsAsync<ChatProviderException>(() => harness.Provider.GetResponseAsync(new ChatRequest("Hi")));

        Assert.Multiple(() =>
        {
            Assert.That(ex.StatusCode, Is.EqualTo(429));
            Assert.That(ex.ErrorType, Is.EqualTo("rate_limit_error"));
            Assert.That(ex.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(17)));
            Assert.That(ex.ShouldRetry, Is.Null);
            Assert.That(ex.IsTransient, Is.True);
        });
    }

    [Test]
    public void GetResponseAsync_429WithRetryAfterDate_MeasuresDelayWithTheGivenClock()
    {
        var now = new DateTimeOffset(2026, 8, 19, 14, 34, 0, TimeSpan.Zero);
        using var harness = new ClaudeHarness(timeProvider: new FixedTimeProvider(now));
        harness.Expect(HttpStatusCode.TooManyRequests, """
            {"type":"error","error":{"type":"rate_limit_error","message":"Rate limited"}}
            """, headers: [new("retry-after", "Wed, 19 Aug 2026 14:34:45 GMT")]);

        var ex = Assert.ThrowsAsync<ChatProviderException>(() => harness.Provider.GetResponseAsync(new ChatRequest("Hi")));

        Assert.That(ex.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(45)));
    }

    [Test]
    public void GetResponseAsync_500ApiError_IsTransient()
    {
        using var harness = new ClaudeHarness();
        harness.Expect(HttpStatusCode.InternalServerError, """
            {"type":"error","error":{"type":"api_error","message":"Internal server error"},"request_id":"req_500"}
            """);

        var ex = Assert.ThrowsAsync<ChatProviderException>(() => harness.Provider.GetResponseAsync(new ChatRequest("Hi")));

        Assert.Multiple(() =>
        {
            Assert.That(ex.StatusCode, Is.EqualTo(500));
            Assert.That(ex.ErrorType, Is.EqualTo("api_error"));
            Assert.That(ex.ProviderMessage, Is.EqualTo("Internal server error"));
            Assert.That(ex.IsTransient, Is.True);
        });
    }

    [Test]
    public void GetResponseAsync_529OverloadedWithRetryAfterMs_IsTransientWithDelay()
    {
        using var harness = new ClaudeHarness();
        harness.Expect((HttpStatusCode)529, """
            {"type":"error","error":{"type":"overloaded_error","message":"Overloaded","details":null},"request_id":"req_529"}
            """, headers: [new("retry-after-ms", "1500"), new("retry-after", "2")]);

        var ex = Assert.ThrowsAsync<ChatProviderException>(() => harness.Provider.GetResponseAsync(new ChatRequest("Hi")));

        Assert.Multiple(() =>
        {
            Assert.That(ex.StatusCode, Is.EqualTo(529));
            Assert.That(ex.ErrorType, Is.EqualTo("overloaded_error"));
            Assert.That(ex.ProviderMessage, Is.EqualTo("Overloaded"));
            Assert.That(ex.RequestId, Is.EqualTo("req_529"));
            Assert.That(ex.RetryAfter, Is.EqualTo(TimeSpan.FromMilliseconds(1500)), "retry-after-ms wins over retry-after");
            Assert.That(ex.IsTransient, Is.True);
        });
    }

    [Test]
    public void GetResponseAsync_HugeErrorBody_IsCapped()
    {
        using var harness = new ClaudeHarness();
        var longMessage = new string('x', 20_000);
        harness.Expect(HttpStatusCode.BadRequest, $$$"""{"type":"error","error":{"type":"invalid_request_error","message":"{{{longMessage}}}"}}""");

        var ex = Assert.ThrowsAsync<ChatProviderException>(() => harness.Provider.GetResponseAsync(new ChatRequest("Hi")));

        Assert.Multiple(() =>
        {
            Assert.That(ex.ResponseBody, Has.Length.EqualTo(ChatProviderException.MaxResponseBodyLength));
            Assert.That(ex.ErrorType, Is.EqualTo("invalid_request_error"));
        });
    }

    [Test]
    public void GetResponseAsync_ErrorEchoingTheKey_NeverShowsTheKey()
    {
        using var harness = new ClaudeHarness();
        harness.Expect(HttpStatusCode.Unauthorized, $$$"""
            {"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key: {{{ClaudeHarness.ApiKey}}}"},"request_id":"req_key"}
            """);

        var ex = Assert.ThrowsAsync<ChatProviderException>(() => harness.Provider.GetResponseAsync(new ChatRequest("Hi")));

        Assert.Multiple(() =>
        {
            Assert.That(ex.Message, Does.Not.Contain(ClaudeHarness.ApiKey));
            Assert.That(ex.ToString(), Does.Not.Contain(ClaudeHarness.ApiKey));
            Assert.That(ex.ResponseBody, Does.Not.Contain(ClaudeHarness.ApiKey));
            Assert.That(ex.ProviderMessage, Does.Not.Contain(ClaudeHarness.ApiKey));
            Assert.That(ex.ProviderMessage, Does.StartWith("invalid x-api-key"));
            Assert.That(harness.Options.ToString(), Does.Not.Contain(ClaudeHarness.ApiKey));
            Assert.That(harness.Provider.ToString(), Does.Not.Contain(ClaudeHarness.ApiKey));
        });
    }

    [Test]
    public void GetResponseAsync_TransportFailure_IsWrappedAsTransport()
    {
        using var harness = new ClaudeHarness();
        harness.Http.Expect(HttpMethod.Post, ClaudeHarness.MessagesUrl).Throw(new HttpRequestException("Connection refused", null, HttpStatusCode.ServiceUnavailable));

        var ex = Assert.ThrowsAsync<ChatProviderException>(() => harness.Provider.GetResponseAsync(new ChatRequest("Hi")));

        Assert.Multiple(() =>
        {
            Assert.That(ex.Kind, Is.EqualTo(ChatProviderErrorKind.Transport));
            Assert.That(ex.InnerException, Is.InstanceOf<HttpRequestException>());
            Assert.That(ex.IsTransient, Is.True);
        });
    }
}
