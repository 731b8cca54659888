using System.Net;
using MultiModel.Failover;
using MultiModel.Resilience;
using RichardSzalay.MockHttp;

namespace MultiModel.Tests.Resilience;

/// <summary>The resilience a hand-built provider gets from <see cref="ProviderResilienceFactory.CreateHandler"/>: the same pipeline and health reports as under dependency injection.</summary>
[Parallelizable(ParallelScope.All)]
public class ProviderResilienceFactoryTests
{
    private const string Url = "https://api.example.test/v1/messages";

    private sealed record Sut(HttpClient Client, MockHttpMessageHandler Mock, WatchedTime Time, InMemoryProviderHealthStore Health) : IDisposable
    {
        public ProviderHealth State => Health.GetHealth("claude");

        public void Dispose() => Client.Dispose();
    }

    private static Sut CreateSut(Action<ProviderResilienceOptions>? configure = null)
    {
        var options = new ProviderResilienceOptions { AttemptTimeout = TimeSpan.FromHours(1) };
        options.CircuitBreaker.SamplingDuration = TimeSpan.FromHours(2);
        options.Retry.UseJitter = false;
        configure?.Invoke(options);
        var time = new WatchedTime();
        var mock = new MockHttpMessageHandler();
        mock.Fallback.Throw(new InvalidOperationException("Unexpected request"));
        var health = new InMemoryProviderHealthStore();
        var handler = new ProviderResilienceFactory(health, time).CreateHandler("claude", options, mock);
        return new Sut(new HttpClient(handler), mock, time, health);
    }

    private static HttpResponseMessage Status(int status, params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage((HttpStatusCode)status) { Content = new StringContent("{}") };
        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }

    private static Task<HttpResponseMessage> Post(Sut sut, CancellationToken cancellationToken = default) =>
        sut.Client.PostAsync(Url, new StringContent("{}"), cancellationToken);

    [TestCase("retry-after", "5", 5000)]
    [TestCase("retry-after", "2.5", 2500)]
    [TestCase("retry-after-ms", "300", 300)]
    [TestCase("retry-after", "0", 500)] // no advice: the 0.5 s backoff, not an immediate retry of an overloaded server
    [TestCase("retry-after-ms", "0", 500)]
    [TestCase("retry-after", "Thu, 01 Jan 2015 00:00:00 GMT", 500)]
    public async Task SendAsync_429WithServerDelayUnderCap_WaitsThatLong_OrTheBackoffForNone_ThenRetries(string header, string value, int expectedMs)
    {
        using var sut = CreateSut();
        var first = sut.Mock.Expect(HttpMethod.Post, Url);
        first.Respond(() => Task.FromResult(Status(429, (header, value))));
        sut.Mock.Expect(HttpMethod.Post, Url).Respond(HttpStatusCode.OK);

        var call = Post(sut);
        await sut.Time.WaitForTimerAsync(TimeSpan.FromMilliseconds(expectedMs));
        sut.Time.Advance(TimeSpan.FromMilliseconds(expectedMs - 1));
        await Task.Delay(20);
        Assert.That(call.IsCompleted, Is.False, "The retry must wait for the full server delay.");
        sut.Time.Advance(TimeSpan.FromMilliseconds(1));
        using var response = await call;

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        sut.Mock.VerifyNoOutstandingExpectation();
        Assert.That(sut.State, Is.EqualTo(ProviderHealth.Available));
    }

    [Test]
    public async Task SendAsync_RetryAfterMsAndRetryAfter_PrefersMilliseconds()
    {
        using var sut = CreateSut();
        sut.Mock.Expect(HttpMethod.Post, Url).Respond(() => Task.FromResult(Status(529, ("retry-after", "20"), ("retry-after-ms", "300"))));
        sut.Mock.Expect(HttpMethod.Post, Url).Respond(HttpStatusCode.OK);

        var call = Post(sut);
        await sut.Time.WaitForTimerAsync(TimeSpan.FromMilliseconds(300));
        sut.Time.Advance(TimeSpan.FromMilliseconds(300));
        using var response = await call;

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task SendAsync_RetryAfterAsHttpDate_WaitsUntilThatDate()
    {
        using var sut = CreateSut();
        var date = (WatchedTime.Epoch + TimeSpan.FromSeconds(4)).ToString("r");
        sut.Mock.Expect(HttpMethod.Post, Url).Respond(() => Task.FromResult(Status(503, ("retry-after", date))));
        sut.Mock.Expect(HttpMethod.Post, Url).Respond(HttpStatusCode.OK);

        var call = Post(sut);
        await sut.Time.WaitForTimerAsync(TimeSpan.FromSeconds(4));
        sut.Time.Advance(TimeSpan.FromSeconds(4));
        using var response = await call;

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        sut.Mock.VerifyNoOutstandingExpectation();
    }

    [TestCase(2)]
    [TestCase(0)]
    public async Task SendAsync_RetryAfterAboveCap_ReturnsAtOnceAndStartsCooldown(int retries)
    {
        using var sut = CreateSut(o => (o.Retry.MaxRetryAfter, o.Retry.MaxRetryAttempts) = (TimeSpan.FromSeconds(30), retries));
        var request = sut.Mock.When(HttpMethod.Post, Url);
        request.Respond(() => Task.FromResult(Status(429, ("retry-after", "120"))));

        using var response = await Post(sut);

        Assert.Multiple(() =>
        {
            Assert.That((int)response.StatusCode, Is.EqualTo(429));
            Assert.That(sut.Mock.GetMatchCount(request), Is.EqualTo(1), "A long Retry-After must not be slept.");
            Assert.That(sut.State, Is.EqualTo(ProviderHealth.CoolingDownUntil(WatchedTime.Epoch + TimeSpan.FromSeconds(120))));
            Assert.That(sut.State.GetSkipReason(WatchedTime.Epoch + TimeSpan.FromSeconds(120)), Is.Null, "The cooldown ends when its time has passed.");
        });
    }

    [TestCase(503, "false", 1)]
    [TestCase(400, "true", 2)]
    public async Task SendAsync_XShouldRetry_OverridesTheStatus(int status, string advice, int expectedRequests)
    {
        using var sut = CreateSut(o => o.Retry.Delay = TimeSpan.Zero);
        var request = sut.Mock.When(HttpMethod.Post, Url);
        request.Respond(() => Task.FromResult(Status(status, ("x-should-retry", advice))));

        using var response = await Post(sut);

        Assert.That(sut.Mock.GetMatchCount(request), Is.EqualTo(expectedRequests));
    }

    [Test]
    public async Task SendAsync_XShouldRetryTrueAndRetryAfterAboveCap_ReturnsAtOnce()
    {
        using var sut = CreateSut(o => o.Retry.MaxRetryAfter = TimeSpan.FromSeconds(30));
        var request = sut.Mock.When(HttpMethod.Post, Url);
        request.Respond(() => Task.FromResult(Status(400, ("x-should-retry", "true"), ("retry-after", "120"))));

        using var response = await Post(sut);

        Assert.That(sut.Mock.GetMatchCount(request), Is.EqualTo(1), "A long Retry-After must not be slept, whatever x-should-retry says.");
    }

    [TestCase(408, 2)]
    [TestCase(409, 2)]
    [TestCase(429, 2)]
    [TestCase(500, 2)]
    [TestCase(529, 2)]
    [TestCase(400, 1)]
    [TestCase(401, 1)]
    [TestCase(404, 1)]
    public async Task SendAsync_Status_IsRetriedOnlyWhenTransient(int status, int expectedRequests)
    {
        using var sut = CreateSut(o => o.Retry.Delay = TimeSpan.Zero);
        var request = sut.Mock.When(HttpMethod.Post, Url);
        request.Respond(() => Task.FromResult(Status(status)));

        using var response = await Post(sut);

        Assert.That(sut.Mock.GetMatchCount(request), Is.EqualTo(expectedRequests));
    }

    [Test]
    public async Task SendAsync_ConnectionFailsOnce_RetriesAndAnswers()
    {
        using var sut = CreateSut(o => o.Retry.Delay = TimeSpan.Zero);
        sut.Mock.Expect(HttpMethod.Post, Url).Throw(new HttpRequestException("connection refused"));
        sut.Mock.Expect(HttpMethod.Post, Url).Respond(HttpStatusCode.OK);

        using var response = await Post(sut);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        sut.Mock.VerifyNoOutstandingExpectation();
    }

    [Test]
    public async Task SendAsync_TransientFailuresExhaustRetries_ReturnsLastAnswer()
    {
        using var sut = CreateSut(o => (o.Retry.MaxRetryAttempts, o.Retry.BackoffType) = (2, Polly.DelayBackoffType.Constant));
        var request = sut.Mock.When(HttpMethod.Post, Url);
        request.Respond(HttpStatusCode.InternalServerError);

        var call = Post(sut);
        for (var i = 0; i < 2; i++)
        {
            await sut.Time.WaitForTimerAsync(TimeSpan.FromSeconds(1));
            sut.Time.Advance(TimeSpan.FromSeconds(1));
        }

        using var response = await call;
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.InternalServerError));
        Assert.That(sut.Mock.GetMatchCount(request), Is.EqualTo(3));
    }

    [Test]
    public async Task SendAsync_NoAnswerWithinTryTimeout_ThrowsTimeoutException()
    {
        using var sut = CreateSut(o => (o.Retry.MaxRetryAttempts, o.AttemptTimeout) = (0, TimeSpan.FromSeconds(10)));
        sut.Mock.When(HttpMethod.Post, Url).Respond(new HangingHandler());

        var call = Post(sut);
        await sut.Time.WaitForTimerAsync(TimeSpan.FromSeconds(10));
        sut.Time.Advance(TimeSpan.FromSeconds(10));

        var ex = Assert.ThrowsAsync<TimeoutException>(async () => await call);
        Assert.That(ex!.Message, Does.StartWith("claude: no response within the try timeout of 10 s"));
    }

    [Test]
    public async Task SendAsync_RequestCarriesAttemptDeadline_TryEndsJustBeforeIt()
    {
        using var sut = CreateSut(o => (o.Retry.MaxRetryAttempts, o.AttemptTimeout) = (0, TimeSpan.FromSeconds(30)));
        sut.Mock.When(HttpMethod.Post, Url).Respond(new HangingHandler());
        using var request = new HttpRequestMessage(HttpMethod.Post, Url) { Content = new StringContent("{}") };
        request.Options.Set(ChatHttpRequestOptions.AttemptDeadline, WatchedTime.Epoch + TimeSpan.FromSeconds(5));

        var call = sut.Client.SendAsync(request);
        await sut.Time.WaitForTimerAsync(TimeSpan.FromSeconds(5));
        sut.Time.Advance(TimeSpan.FromSeconds(4.9));

        var ex = Assert.ThrowsAsync<TimeoutException>(async () => await call);
        Assert.That(ex!.Message, Does.Contain("4.9 s"), "The try ends 100 ms before the attempt's deadline, not after the 30 s try timeout.");
    }

    [Test]
    public async Task SendAsync_CallerCancels_ThrowsOperationCanceledWithoutRetry()
    {
        using var sut = CreateSut();
        using var cts = new CancellationTokenSource();
        var hanging = new HangingHandler();
        sut.Mock.When(HttpMethod.Post, Url).Respond(hanging);

        var call = Post(sut, cts.Token);
        while (hanging.Calls == 0)
        {
            await Task.Delay(1);
        }

        await cts.CancelAsync();

        Assert.That(async () => await call, Throws.InstanceOf<OperationCanceledException>());
        Assert.That(hanging.Calls, Is.EqualTo(1));
    }

    [Test]
    public async Task SendAsync_RepeatedFailures_OpenTheCircuitThenOneProbeClosesIt()
    {
        using var sut = CreateSut(o =>
        {
            o.Retry.MaxRetryAttempts = 0;
            (o.CircuitBreaker.MinimumThroughput, o.CircuitBreaker.FailureRatio, o.CircuitBreaker.BreakDuration) = (4, 0.5, TimeSpan.FromSeconds(30));
        });
        var failing = sut.Mock.When(HttpMethod.Post, Url);
        failing.Respond(HttpStatusCode.ServiceUnavailable);

        for (var i = 0; i < 4; i++)
        {
            using var response = await Post(sut);
        }

        var open = sut.State;
        var refused = Assert.ThrowsAsync<HttpRequestException>(() => Post(sut));
        sut.Time.Advance(TimeSpan.FromSeconds(30));
        sut.Mock.Clear();
        sut.Mock.Expect(HttpMethod.Post, Url).Respond(HttpStatusCode.OK);
        using (var probe = await Post(sut))
        {
            Assert.That(probe.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        Assert.Multiple(() =>
        {
            Assert.That(open, Is.EqualTo(ProviderHealth.Open(WatchedTime.Epoch + TimeSpan.FromSeconds(30))));
            Assert.That(refused!.Message, Does.Contain("refused the call without contacting the provider"));
            Assert.That(refused.InnerException, Is.InstanceOf<Polly.CircuitBreaker.BrokenCircuitException>());
            Assert.That(sut.State, Is.EqualTo(ProviderHealth.Available), "The probe's success closes the circuit.");
        });
    }

    [Test]
    public void CreateHandler_OptionsOutOfRange_ThrowsNamingEachProblem()
    {
        var options = new ProviderResilienceOptions { AttemptTimeout = TimeSpan.Zero };
        options.Retry.MaxRetryAttempts = 11;
        options.Retry.MaxDelay = TimeSpan.FromMilliseconds(100);
        var factory = new ProviderResilienceFactory(new InMemoryProviderHealthStore());

        var ex = Assert.Throws<ArgumentException>(() => factory.CreateHandler("claude", options));

        Assert.Multiple(() =>
        {
            Assert.That(ex!.ParamName, Is.EqualTo("options"));
            Assert.That(ex.Message, Does.Contain("ProviderResilienceOptions.AttemptTimeout must be between"));
            Assert.That(ex.Message, Does.Contain("ProviderResilienceOptions.Retry.MaxRetryAttempts must be between 0 and 10"));
            Assert.That(ex.Message, Does.Contain("ProviderResilienceOptions.Retry.MaxDelay must not be shorter than Retry.Delay"));
        });
    }

    [Test]
    public void CreateHandler_NullArguments_Throw()
    {
        var factory = new ProviderResilienceFactory(new InMemoryProviderHealthStore());

        Assert.Throws<ArgumentNullException>(() => _ = new ProviderResilienceFactory(null!));
        Assert.Throws<ArgumentNullException>(() => factory.CreateHandler("claude", null!));
        Assert.Throws<ArgumentException>(() => factory.CreateHandler(" ", new ProviderResilienceOptions()));
    }
}
