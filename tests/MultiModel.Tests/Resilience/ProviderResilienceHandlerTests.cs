using System.Net;
using MultiModel.Resilience;
using MultiModel.Tests.TestSupport;
using Polly.CircuitBreaker;
using RichardSzalay.MockHttp;

namespace MultiModel.Tests.Resilience;

[Parallelizable(ParallelScope.All)]
public class ProviderResilienceHandlerTests
{
    private const string Url = "https://api.example.test/v1/messages";

    private sealed record Sut(HttpClient Client, MockHttpMessageHandler Mock, ManualTimeProvider Time, ProviderHealthRecord Health) : IDisposable
    {
        public void Dispose()
        {
            Client.Dispose();
            Mock.Dispose();
        }
    }

    private static Sut CreateSut(Action<ProviderResilienceOptions>? configure = null)
    {
        var options = new ProviderResilienceOptions { AttemptTimeout = TimeSpan.FromDays(1) };
        options.Retry.UseJitter = false;
        configure?.Invoke(options);
        var time = new ManualTimeProvider();
        var mock = new MockHttpMessageHandler();
        mock.Fallback.Throw(new InvalidOperationException("Unexpected request"));
        var health = new ProviderHealthRecord("claude", time);
        var handler = new ProviderResilienceHandler("claude", options, health, time) { InnerHandler = mock };
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

    [Test]
    public async Task SendAsync_429WithRetryAfterUnderCap_WaitsThatLongThenRetries()
    {
        using var sut = CreateSut();
        var first = sut.Mock.Expect(HttpMethod.Post, Url);
        first.Respond(() => Task.FromResult(Status(429, ("retry-after", "5"))));
        sut.Mock.Expect(HttpMethod.Post, Url).Respond(HttpStatusCode.OK);

        var call = sut.Client.PostAsync(Url, new StringContent("{}"));
        await sut.Time.WaitForTimerDueWithinAsync(TimeSpan.FromSeconds(5));
        sut.Time.Advance(TimeSpan.FromSeconds(4.9));
        Assert.That(sut.Mock.GetMatchCount(first), Is.EqualTo(1));
        Assert.That(call.IsCompleted, Is.False, "The retry must wait for the full Retry-After.");

        sut.Time.Advance(TimeSpan.FromSeconds(0.1));
        using var response = await call;

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        sut.Mock.VerifyNoOutstandingExpectation();
        Assert.That(sut.Health.CooldownUntil, Is.Null);
    }

    [Test]
    public async Task SendAsync_RetryAfterMsHeader_IsPreferred()
    {
        using var sut = CreateSut();
        sut.Mock.Expect(HttpMethod.Post, Url).Respond(() => Task.FromResult(Status(529, ("retry-after", "20"), ("retry-after-ms", "300"))));
        sut.Mock.Expect(HttpMethod.Post, Url).Respond(HttpStatusCode.OK);

        var call = sut.Client.PostAsync(Url, new StringContent("{}"));
        await sut.Time.WaitForTimerDueWithinAsync(TimeSpan.FromMilliseconds(300));
        sut.Time.Advance(TimeSpan.FromMilliseconds(300));
        using var response = await call;

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task SendAsync_RetryAfterAboveCap_ReturnsAtOnceAndStartsCooldown()
    {
        using var sut = CreateSut(o => o.Retry.MaxRetryAfter = TimeSpan.FromSeconds(30));
        var request = sut.Mock.When(HttpMethod.Post, Url);
        request.Respond(() => Task.FromResult(Status(429, ("retry-after", "120"))));
        var start = sut.Time.GetUtcNow();

        using var response = await sut.Client.PostAsync(Url, new StringContent("{}"));

        Assert.Multiple(() =>
        {
            Assert.That((int)response.StatusCode, Is.EqualTo(429));
            Assert.That(sut.Mock.GetMatchCount(request), Is.EqualTo(1), "A long Retry-After must not be slept.");
            Assert.That(sut.Health.CooldownUntil, Is.EqualTo(start + TimeSpan.FromSeconds(120)));
        });

        sut.Time.Advance(TimeSpan.FromSeconds(120));
        Assert.That(sut.Health.CooldownUntil, Is.Null, "The cooldown ends when its time has passed.");
    }

    [Test]
    public async Task SendAsync_RetriesDisabledAndLongRetryAfter_StillStartsCooldown()
    {
        using var sut = CreateSut(o => o.Retry.MaxRetryAttempts = 0);
        var request = sut.Mock.When(HttpMethod.Post, Url);
        request.Respond(() => Task.FromResult(Status(529, ("retry-after", "90"))));
        var start = sut.Time.GetUtcNow();

        using var response = await sut.Client.PostAsync(Url, new StringContent("{}"));

        Assert.That(sut.Health.CooldownUntil, Is.EqualTo(start + TimeSpan.FromSeconds(90)));
    }

    [Test]
    public async Task SendAsync_ShouldRetryFalse_DoesNotRetry()
    {
        using var sut = CreateSut();
        var request = sut.Mock.When(HttpMethod.Post, Url);
        request.Respond(() => Task.FromResult(Status(503, ("x-should-retry", "false"))));

        using var response = await sut.Client.PostAsync(Url, new StringContent("{}"));

        Assert.That(sut.Mock.GetMatchCount(request), Is.EqualTo(1));
    }

    [TestCase(400)]
    [TestCase(401)]
    [TestCase(404)]
    public async Task SendAsync_NonTransientStatus_DoesNotRetry(int status)
    {
        using var sut = CreateSut();
        var request = sut.Mock.When(HttpMethod.Post, Url);
        request.Respond(() => Task.FromResult(Status(status)));

        using var response = await sut.Client.PostAsync(Url, new StringContent("{}"));

        Assert.That(sut.Mock.GetMatchCount(request), Is.EqualTo(1));
    }

    [Test]
    public async Task SendAsync_TransientFailuresExhaustRetries_ReturnsLastAnswer()
    {
        using var sut = CreateSut(o => o.Retry.MaxRetryAttempts = 2);
        var request = sut.Mock.When(HttpMethod.Post, Url);
        request.Respond(HttpStatusCode.InternalServerError);

        var call = sut.Client.PostAsync(Url, new StringContent("{}"));
        for (var i = 0; i < 2; i++)
        {
            await sut.Time.WaitForTimerDueWithinAsync(TimeSpan.FromSeconds(10));
            sut.Time.Advance(TimeSpan.FromSeconds(10));
        }

        using var response = await call;
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.InternalServerError));
        Assert.That(sut.Mock.GetMatchCount(request), Is.EqualTo(3));
    }

    [Test]
    public async Task SendAsync_NoAnswerWithinAttemptTimeout_ThrowsTimeoutException()
    {
        using var sut = CreateSut(o =>
        {
            o.Retry.MaxRetryAttempts = 0;
            o.AttemptTimeout = TimeSpan.FromSeconds(10);
        });
        sut.Mock.When(HttpMethod.Post, Url).Respond(new HangingHandler());

        var call = sut.Client.PostAsync(Url, new StringContent("{}"));
        await sut.Time.WaitForTimerDueWithinAsync(TimeSpan.FromSeconds(10));
        sut.Time.Advance(TimeSpan.FromSeconds(10));

        var ex = Assert.ThrowsAsync<TimeoutException>(async () => await call);
        Assert.That(ex!.Message, Does.Contain("attempt timeout"));
    }

    [Test]
    public async Task SendAsync_CallerCancels_ThrowsOperationCanceledWithoutRetry()
    {
        using var sut = CreateSut();
        using var cts = new CancellationTokenSource();
        var hanging = new HangingHandler();
        sut.Mock.When(HttpMethod.Post, Url).Respond(hanging);

        var call = sut.Client.PostAsync(Url, new StringContent("{}"), cts.Token);
        while (hanging.Calls == 0)
        {
            await Task.Delay(1);
        }

        await cts.CancelAsync();

        Assert.That(async () => await call, Throws.InstanceOf<OperationCanceledException>());
        Assert.That(hanging.Calls, Is.EqualTo(1));
    }

    [Test]
    public async Task SendAsync_RepeatedFailures_OpenTheCircuitThenHalfOpenLetsOneProbeThrough()
    {
        using var sut = CreateSut(o =>
        {
            o.Retry.MaxRetryAttempts = 0;
            o.CircuitBreaker.MinimumThroughput = 4;
            o.CircuitBreaker.FailureRatio = 0.5;
            o.CircuitBreaker.BreakDuration = TimeSpan.FromSeconds(30);
        });
        var states = new List<CircuitState>();
        sut.Health.CircuitStateChanged += (_, state) => states.Add(state);
        var failing = sut.Mock.When(HttpMethod.Post, Url);
        failing.Respond(HttpStatusCode.ServiceUnavailable);

        for (var i = 0; i < 4; i++)
        {
            using var response = await sut.Client.PostAsync(Url, new StringContent("{}"));
        }

        Assert.That(sut.Health.CircuitState, Is.EqualTo(CircuitState.Open));
        var refused = Assert.ThrowsAsync<HttpRequestException>(() => sut.Client.PostAsync(Url, new StringContent("{}")));
        Assert.That(refused!.Message, Does.Contain("circuit is open"));
        Assert.That(sut.Mock.GetMatchCount(failing), Is.EqualTo(4), "An open circuit refuses without calling the provider.");

        sut.Time.Advance(TimeSpan.FromSeconds(30));
        sut.Mock.Clear();
        sut.Mock.Expect(HttpMethod.Post, Url).Respond(HttpStatusCode.OK);
        using (var probe = await sut.Client.PostAsync(Url, new StringContent("{}")))
        {
            Assert.That(probe.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        Assert.That(sut.Health.CircuitState, Is.EqualTo(CircuitState.Closed));
        Assert.That(states, Is.EqualTo(new[] { CircuitState.Open, CircuitState.HalfOpen, CircuitState.Closed }));
    }
}
