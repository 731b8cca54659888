using MultiModel.Failover;

namespace MultiModel.Tests.Failover;

[Parallelizable(ParallelScope.All)]
public class FailoverChatClientTests
{
    [Test]
    public async Task GetResponseAsync_FirstProviderAnswers_ReturnsItWithoutCallingTheSecond()
    {
        var second = TestChatProvider.Answering("claude");
        var sut = CreateSut(TestChatProvider.Answering("grok", "4"), second);

        var response = await sut.GetResponseAsync(Some.Request());

        Assert.That(response.Text, Is.EqualTo("4"));
        Assert.That(response.ProviderName, Is.EqualTo("grok"));
        Assert.That(response.IsBelowThreshold, Is.False);
        Assert.That(response.Confidence!.Value, Is.EqualTo(1.0));
        Assert.That(second.CallCount, Is.Zero);
        Assert.That(response.Attempts.Select(a => a.Outcome), Is.EqualTo(new[] { ChatAttemptOutcome.Succeeded }));
    }

    private static IEnumerable<TestCaseData> FailOverCases()
    {
        yield return Case(Some.HttpError("grok", 500, "api_error"), ChatErrorClass.ServerError, "500");
        yield return Case(Some.HttpError("grok", 502), ChatErrorClass.ServerError, "502");
        yield return Case(Some.HttpError("grok", 503, message: "The model is at capacity and currently cannot serve this request."), ChatErrorClass.Overloaded, "503Capacity");
        yield return Case(Some.HttpError("grok", 504), ChatErrorClass.Timeout, "504");
        yield return Case(Some.HttpError("grok", 529, "overloaded_error"), ChatErrorClass.Overloaded, "529");
        yield return Case(Some.HttpError("grok", 429, "rate_limit_error"), ChatErrorClass.RateLimited, "429");
        yield return Case(Some.HttpError("grok", 408), ChatErrorClass.Timeout, "408");
        yield return Case(Some.HttpError("grok", 401, "authentication_error"), ChatErrorClass.Authentication, "401");
        yield return Case(Some.HttpError("grok", 403, "permission_error"), ChatErrorClass.Authentication, "403");
        yield return Case(Some.HttpError("grok", 400, message: "Incorrect API key provided: in***ey. You can obtain an API key from https://console.x.ai."), ChatErrorClass.Authentication, "400WrongKey");
        yield return Case(Some.HttpError("grok", 400, message: "This model's maximum prompt length is 131072 but the request contains 200000 tokens.", contextLength: true), ChatErrorClass.ContextLengthExceeded, "400ContextLength");
        yield return Case(Some.StreamError("grok"), ChatErrorClass.StreamError, "StreamError");
        yield return Case(new ChatProviderException("grok", ChatProviderErrorKind.MalformedResponse, "bad json"), ChatErrorClass.MalformedResponse, "Malformed");
        yield return Case(new ChatProviderException("grok", ChatProviderErrorKind.Transport, "reset"), ChatErrorClass.Transport, "TransportKind");
        yield return Case(new HttpRequestException("connection refused"), ChatErrorClass.Transport, "HttpRequestException");
        yield return Case(new IOException("broken pipe"), ChatErrorClass.Transport, "IOException");
        yield return Case(new TimeoutException("slow"), ChatErrorClass.Timeout, "TimeoutException");
        yield return Case(new TaskCanceledException("http timeout", new TimeoutException()), ChatErrorClass.Timeout, "HttpClientTimeout");
        yield return Case(new InvalidOperationException("bug"), ChatErrorClass.Other, "Unknown");

        static TestCaseData Case(Exception failure, ChatErrorClass expected, string name) =>
            new TestCaseData(failure, expected).SetName($"GetResponseAsync_FirstFailsWith{name}_UsesSecondAndRecords{expected}");
    }

    [TestCaseSource(nameof(FailOverCases))]
    public async Task GetResponseAsync_FirstProviderFails_UsesSecondProvider(Exception failure, ChatErrorClass expected)
    {
        var sut = CreateSut(TestChatProvider.Failing("grok", failure), TestChatProvider.Answering("claude", "4"));

        var response = await sut.GetResponseAsync(Some.Request());

        Assert.That(response.ProviderName, Is.EqualTo("claude"));
        var first = response.Attempts[0];
        Assert.That(first.Outcome, Is.EqualTo(ChatAttemptOutcome.Failed));
        Assert.That(first.ErrorClass, Is.EqualTo(expected));
        Assert.That(first.Exception, Is.SameAs(failure));
        Assert.That(response.Attempts[1].Outcome, Is.EqualTo(ChatAttemptOutcome.Succeeded));
    }

    private static IEnumerable<TestCaseData> FailFastCases()
    {
        yield return Case(Some.HttpError("grok", 400, "invalid_request_error", "max_tokens: must be positive"), "400");
        yield return Case(Some.HttpError("grok", 404, "not_found_error"), "404");
        yield return Case(Some.HttpError("grok", 413, "request_too_large"), "413");
        yield return Case(Some.HttpError("grok", 422), "422");
        yield return Case(new ArgumentException("Temperature must be between 0 and 1 for this provider.", "request"), "ArgumentException");

        static TestCaseData Case(Exception failure, string name) =>
            new TestCaseData(failure).SetName($"GetResponseAsync_FirstFailsWith{name}_FailsFastWithoutTryingTheSecond");
    }

    [TestCaseSource(nameof(FailFastCases))]
    public void GetResponseAsync_InvalidRequestFailure_FailsFast(Exception failure)
    {
        var second = TestChatProvider.Answering("claude");
        var sut = CreateSut(TestChatProvider.Failing("grok", failure), second);

        var ex = Assert.ThrowsAsync<ChatFailoverException>(() => sut.GetResponseAsync(Some.Request()));

        Assert.That(ex!.Reason, Is.EqualTo(ChatFailoverReason.FailedFast));
        Assert.That(ex.ErrorClass, Is.EqualTo(ChatErrorClass.InvalidRequest));
        Assert.That(ex.InnerException, Is.SameAs(failure));
        Assert.That(ex.Attempts, Has.Count.EqualTo(1));
        Assert.That(second.CallCount, Is.Zero);
    }

    [Test]
    public async Task GetResponseAsync_InvalidRequestWithFailFastOff_FailsOver()
    {
        var options = new FailoverChatClientOptions { ErrorClassifier = new DefaultChatErrorClassifier { FailFastOnInvalidRequest = false } };
        var sut = new FailoverChatClient([TestChatProvider.Failing("grok", Some.HttpError("grok", 404)), TestChatProvider.Answering("claude")], options);

        var response = await sut.GetResponseAsync(Some.Request());

        Assert.That(response.ProviderName, Is.EqualTo("claude"));
        Assert.That(response.Attempts[0].ErrorClass, Is.EqualTo(ChatErrorClass.InvalidRequest));
    }

    [Test]
    public void GetResponseAsync_CustomClassifier_DecidesFailover()
    {
        var options = new FailoverChatClientOptions { ErrorClassifier = new FailFastOnEverything() };
        var second = TestChatProvider.Answering("claude");
        var sut = new FailoverChatClient([TestChatProvider.Failing("grok", Some.HttpError("grok", 503)), second], options);

        var ex = Assert.ThrowsAsync<ChatFailoverException>(() => sut.GetResponseAsync(Some.Request()));

        Assert.That(ex!.Reason, Is.EqualTo(ChatFailoverReason.FailedFast));
        Assert.That(ex.ErrorClass, Is.EqualTo(ChatErrorClass.Other));
        Assert.That(second.CallCount, Is.Zero);
    }

    [Test]
    public void GetResponseAsync_AllProvidersFail_ThrowsOneExceptionWithEveryAttemptAndTheLastFailureInside()
    {
        var last = Some.HttpError("claude", 529, "overloaded_error");
        var sut = CreateSut(TestChatProvider.Failing("grok", Some.HttpError("grok", 503)), TestChatProvider.Failing("claude", last));

        var ex = Assert.ThrowsAsync<ChatFailoverException>(() => sut.GetResponseAsync(Some.Request()));

        Assert.That(ex!.Reason, Is.EqualTo(ChatFailoverReason.AllFailed));
        Assert.That(ex.InnerException, Is.SameAs(last));
        Assert.That(ex.ErrorClass, Is.EqualTo(ChatErrorClass.Overloaded));
        Assert.That(ex.Attempts.Select(a => (a.ProviderName, a.StatusCode)), Is.EqualTo(new[] { ("grok", (int?)503), ("claude", (int?)529) }));
        Assert.That(ex.Message, Does.Contain("grok").And.Contain("claude").And.Contain("AllFailed"));
        Assert.That(ex.ChainName, Is.EqualTo("failover"));
    }

    [Test]
    public async Task GetResponseAsync_AttemptsReport_HasIndexesDurationsUsageModelAndConfidence()
    {
        var time = new ManualTimeProvider();
        var grok = new TestChatProvider("grok")
        {
            GetResponseAsyncCallback = (_, _) =>
            {
                time.Advance(TimeSpan.FromMilliseconds(250));
                return Task.FromException<ChatResponse>(Some.HttpError("grok", 429, "rate_limit_error"));
            },
        };
        var usage = new ChatUsage { InputTokens = 12, OutputTokens = 4 };
        var claude = new TestChatProvider("claude")
        {
            GetResponseAsyncCallback = (_, _) =>
            {
                time.Advance(TimeSpan.FromMilliseconds(700));
                return Task.FromResult(Some.Response("claude", "4", usage: usage));
            },
        };
        var seen = new List<ChatAttempt>();
        var sut = new FailoverChatClient([grok, claude], new FailoverChatClientOptions { OnAttempt = seen.Add }, time);

        var response = await sut.GetResponseAsync(Some.Request());

        var attempts = response.Attempts;
        Assert.That(attempts.Select(a => a.Index), Is.EqualTo(new[] { 0, 1 }));
        Assert.That(attempts[0].Duration, Is.EqualTo(TimeSpan.FromMilliseconds(250)));
        Assert.That(attempts[0].StatusCode, Is.EqualTo(429));
        Assert.That(attempts[0].ErrorType, Is.EqualTo("rate_limit_error"));
        Assert.That(attempts[0].ErrorClass, Is.EqualTo(ChatErrorClass.RateLimited));
        Assert.That(attempts[1].Duration, Is.EqualTo(TimeSpan.FromMilliseconds(700)));
        Assert.That(attempts[1].Usage, Is.SameAs(usage));
        Assert.That(attempts[1].ModelId, Is.EqualTo("claude-model"));
        Assert.That(attempts[1].Confidence, Is.SameAs(response.Confidence));
        Assert.That(attempts[1].Hedged, Is.False);
        Assert.That(attempts[1].TimeToFirstContent, Is.Null);
        Assert.That(seen, Is.EqualTo(attempts));
    }

    private static FailoverChatClient CreateSut(params IChatProvider[] providers) => new(providers);

    private sealed class FailFastOnEverything : IChatErrorClassifier
    {
        public ChatErrorDecision Classify(Exception exception) => ChatErrorDecision.FailFast(ChatErrorClass.Other);
    }
}
