using System.Diagnostics;
using System.Net;
using MultiModel.Testing;
using static MultiModel.Tests.Testing.EmulatorCalls;

namespace MultiModel.Tests.Testing;

[Parallelizable(ParallelScope.All)]
public class ProviderEmulatorBehaviorTests
{
    [Test]
    public async Task Status429_Anthropic_SendsRateLimitErrorWithRetryAfter()
    {
        await using var emulator = await ProviderEmulator.StartAsync();
        emulator.Anthropic.Enqueue(EmulatorBehavior.RateLimited(TimeSpan.FromSeconds(2)));
        using var client = new HttpClient();

        var (response, json) = await SendJsonAsync(client, Anthropic(emulator));
        var (next, _) = await SendJsonAsync(client, Anthropic(emulator));

        Assert.That((int)response.StatusCode, Is.EqualTo(429));
        Assert.That(response.Headers.RetryAfter!.Delta, Is.EqualTo(TimeSpan.FromSeconds(2)));
        Assert.That(json.GetProperty("error").GetProperty("type").GetString(), Is.EqualTo("rate_limit_error"));
        Assert.That(next.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Status429_Xai_DefaultsRetryAfterToOneSecond()
    {
        await using var emulator = await ProviderEmulator.StartAsync();
        emulator.Xai.Enqueue(EmulatorBehavior.Status(429));
        using var client = new HttpClient();

        var (response, json) = await SendJsonAsync(client, Xai(emulator));

        Assert.That((int)response.StatusCode, Is.EqualTo(429));
        Assert.That(Header(response, "retry-after"), Is.EqualTo("1"));
        Assert.That(json.GetProperty("code").GetString(), Is.EqualTo("Some resource has been exhausted"));
        Assert.That(json.GetProperty("error").GetString(), Does.Contain("grok-4-1-fast-non-reasoning"));
    }

    [TestCase(500, "api_error")]
    [TestCase(503, "api_error")]
    [TestCase(529, "overloaded_error")]
    [TestCase(401, "authentication_error")]
    public async Task Status_Anthropic_SendsTheEnvelopeForTheStatus(int status, string errorType)
    {
        await using var emulator = await ProviderEmulator.StartAsync();
        emulator.Anthropic.Enqueue(EmulatorBehavior.Status(status, "custom message"));
        using var client = new HttpClient();

        var (response, json) = await SendJsonAsync(client, Anthropic(emulator));

        Assert.That((int)response.StatusCode, Is.EqualTo(status));
        Assert.That(json.GetProperty("type").GetString(), Is.EqualTo("error"));
        Assert.That(json.GetProperty("error").GetProperty("type").GetString(), Is.EqualTo(errorType));
        Assert.That(json.GetProperty("error").GetProperty("message").GetString(), Is.EqualTo("custom message"));
        Assert.That(json.GetProperty("request_id").GetString(), Is.EqualTo(Header(response, "request-id")));
    }

    [Test]
    public async Task Overloaded_IsA529ForAnthropicAndA503AtCapacityForXai()
    {
        await using var emulator = await ProviderEmulator.StartAsync();
        emulator.Anthropic.Enqueue(EmulatorBehavior.Overloaded());
        emulator.Xai.Enqueue(EmulatorBehavior.Overloaded());
        using var client = new HttpClient();

        var (anthropic, anthropicJson) = await SendJsonAsync(client, Anthropic(emulator));
        var (xai, xaiJson) = await SendJsonAsync(client, Xai(emulator));

        Assert.That((int)anthropic.StatusCode, Is.EqualTo(529));
        Assert.That(anthropicJson.GetProperty("error").GetProperty("type").GetString(), Is.EqualTo("overloaded_error"));
        Assert.That((int)xai.StatusCode, Is.EqualTo(503));
        Assert.That(xaiJson.GetProperty("code").GetString(), Is.EqualTo("The service is currently unavailable"));
        Assert.That(xaiJson.GetProperty("error").GetString(), Does.Contain("at capacity"));
    }

    [Test]
    public async Task ContextTooLong_UsesEachProvidersWording()
    {
        await using var emulator = await ProviderEmulator.StartAsync();
        emulator.Anthropic.Enqueue(EmulatorBehavior.ContextTooLong());
        emulator.Xai.Enqueue(EmulatorBehavior.ContextTooLong());
        using var client = new HttpClient();

        var (anthropic, anthropicJson) = await SendJsonAsync(client, Anthropic(emulator));
        var (xai, xaiJson) = await SendJsonAsync(client, Xai(emulator));

        Assert.That(anthropic.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(anthropicJson.GetProperty("error").GetProperty("message").GetString(), Does.Match(@"^prompt is too long: \d+ tokens > 200000 maximum$"));
        Assert.That(xai.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(xaiJson.GetProperty("error").GetString(), Does.StartWith("This model's maximum prompt length is 131072"));
    }

    [Test]
    public async Task HeaderDelay_HoldsTheResponse()
    {
        await using var emulator = await ProviderEmulator.StartAsync();
        emulator.Xai.Enqueue(EmulatorBehavior.Answer().WithHeaderDelay(TimeSpan.FromMilliseconds(300)));
        using var client = new HttpClient();

        var watch = Stopwatch.StartNew();
        using var response = await client.SendAsync(Xai(emulator));

        Assert.That(watch.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(250)));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task DeltaDelay_SpacesTheStreamedDeltas()
    {
        await using var emulator = await ProviderEmulator.StartAsync();
        emulator.Anthropic.Enqueue(EmulatorBehavior.Answer("a b c d").WithDeltaDelay(TimeSpan.FromMilliseconds(80)));
        using var client = new HttpClient();

        var watch = Stopwatch.StartNew();
        var (_, events) = await SendStreamAsync(client, Anthropic(emulator, AnthropicStreamBody));

        Assert.That(watch.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(250)));
        Assert.That(events[^1].EventType, Is.EqualTo("message_stop"));
    }

    [Test]
    public async Task Hang_ClientCancels_EmulatorSeesTheRequestAborted()
    {
        await using var emulator = await ProviderEmulator.StartAsync();
        emulator.Anthropic.Enqueue(EmulatorBehavior.Hang());
        using var client = new HttpClient();
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        Assert.That(async () => await client.SendAsync(Anthropic(emulator), cts.Token), Throws.InstanceOf<OperationCanceledException>());

        await emulator.WaitUntilAsync(e => e.AbortedRequests == 1, TimeSpan.FromSeconds(10));
        Assert.That(emulator.Requests.Single().Outcome, Is.EqualTo(EmulatorRequestOutcome.ClientAborted));
    }

    [Test]
    public async Task ConnectionReset_ClientGetsAnHttpRequestException()
    {
        await using var emulator = await ProviderEmulator.StartAsync();
        emulator.Xai.Enqueue(EmulatorBehavior.ConnectionReset());
        using var client = new HttpClient();

        Assert.That(async () => await client.SendAsync(Xai(emulator)), Throws.InstanceOf<HttpRequestException>());

        await emulator.WaitUntilAsync(e => e.Requests.Single().Outcome != EmulatorRequestOutcome.Pending, TimeSpan.FromSeconds(10));
        Assert.That(emulator.Requests.Single().Outcome, Is.EqualTo(EmulatorRequestOutcome.ServerAborted));
        Assert.That(emulator.AbortedRequests, Is.Zero);
    }

    [Test]
    public void Factories_RejectInvalidArguments()
    {
        Assert.That(() => EmulatorBehavior.Status(200), Throws.InstanceOf<ArgumentOutOfRangeException>());
        Assert.That(() => EmulatorBehavior.StreamCut(-1), Throws.InstanceOf<ArgumentOutOfRangeException>());
        Assert.That(() => EmulatorBehavior.Answer().WithLogprobs(0), Throws.InstanceOf<ArgumentOutOfRangeException>());
        Assert.That(() => EmulatorBehavior.Answer().WithHeaderDelay(TimeSpan.FromSeconds(-1)), Throws.InstanceOf<ArgumentOutOfRangeException>());
        Assert.That(() => EmulatorBehavior.CannedText(0), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }
}
