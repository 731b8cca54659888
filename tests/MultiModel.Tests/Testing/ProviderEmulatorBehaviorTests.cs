using System.Diagnostics;
using System.Net;
using System.Text.Json;
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
    public async Task StreamCut_Anthropic_EndsAfterTheDeltasWithoutMessageStop()
    {
        await using var emulator = await ProviderEmulator.StartAsync();
        emulator.Anthropic.Enqueue(EmulatorBehavior.StreamCut(afterDeltas: 2, text: "one two three four"));
        using var client = new HttpClient();

        var (_, events) = await SendStreamAsync(client, Anthropic(emulator, AnthropicStreamBody));

        Assert.That(events.Count(e => e.EventType == "content_block_delta"), Is.EqualTo(2));
        Assert.That(events.Select(e => e.EventType), Has.None.EqualTo("message_stop"));
        Assert.That(events.Select(e => e.EventType), Has.None.EqualTo("message_delta"));
    }

    [Test]
    public async Task StreamCut_Xai_EndsWithoutDone()
    {
        await using var emulator = await ProviderEmulator.StartAsync();
        emulator.Xai.Enqueue(EmulatorBehavior.StreamCut(afterDeltas: 2, text: "one two three four"));
        using var client = new HttpClient();

        var (_, events) = await SendStreamAsync(client, Xai(emulator, XaiStreamBody));

        Assert.That(events, Has.Count.EqualTo(2));
        Assert.That(events.Select(e => e.Data), Has.None.EqualTo("[DONE]"));
    }

    [Test]
    public async Task StreamCut_JsonRequest_SendsHalfABody()
    {
        await using var emulator = await ProviderEmulator.StartAsync();
        emulator.Anthropic.Enqueue(EmulatorBehavior.StreamCut());
        using var client = new HttpClient();

        using var response = await client.SendAsync(Anthropic(emulator));
        var text = await response.Content.ReadAsStringAsync();

        Assert.That(text, Does.StartWith("{"));
        Assert.That(() => JsonDocument.Parse(text), Throws.InstanceOf<JsonException>());
    }

    [Test]
    public async Task StreamError_Anthropic_SendsErrorEventAfterMessageStart()
    {
        await using var emulator = await ProviderEmulator.StartAsync();
        emulator.Anthropic.Enqueue(EmulatorBehavior.StreamError());
        using var client = new HttpClient();

        var (response, events) = await SendStreamAsync(client, Anthropic(emulator, AnthropicStreamBody));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(events[0].EventType, Is.EqualTo("message_start"));
        Assert.That(events[^1].EventType, Is.EqualTo("error"));
        var error = Json(events[^1]);
        Assert.That(error.GetProperty("type").GetString(), Is.EqualTo("error"));
        Assert.That(error.GetProperty("error").GetProperty("type").GetString(), Is.EqualTo("overloaded_error"));
        Assert.That(error.GetProperty("error").GetProperty("message").GetString(), Is.EqualTo("Overloaded"));
    }

    [Test]
    public async Task StreamError_Xai_SendsChunkWithErrorObjectAfterDeltas()
    {
        await using var emulator = await ProviderEmulator.StartAsync();
        emulator.Xai.Enqueue(EmulatorBehavior.StreamError(afterDeltas: 1));
        using var client = new HttpClient();

        var (_, events) = await SendStreamAsync(client, Xai(emulator, XaiStreamBody));

        Assert.That(events, Has.Count.EqualTo(2));
        Assert.That(Json(events[0]).GetProperty("choices")[0].GetProperty("delta").GetProperty("content").GetString(), Is.EqualTo("Hello"));
        Assert.That(Json(events[1]).GetProperty("error").GetProperty("message").GetString(), Is.Not.Empty);
    }

    [Test]
    public async Task StreamError_JsonRequest_BecomesTheMatchingStatus()
    {
        await using var emulator = await ProviderEmulator.StartAsync();
        emulator.Anthropic.Enqueue(EmulatorBehavior.StreamError());
        using var client = new HttpClient();

        var (response, json) = await SendJsonAsync(client, Anthropic(emulator));

        Assert.That((int)response.StatusCode, Is.EqualTo(529));
        Assert.That(json.GetProperty("error").GetProperty("type").GetString(), Is.EqualTo("overloaded_error"));
    }

    [Test]
    public async Task MalformedJson_JsonAndStream_AreNotParseable()
    {
        await using var emulator = await ProviderEmulator.StartAsync();
        emulator.Xai.Enqueue(EmulatorBehavior.MalformedJson(), EmulatorBehavior.MalformedJson());
        using var client = new HttpClient();

        using var response = await client.SendAsync(Xai(emulator));
        var text = await response.Content.ReadAsStringAsync();
        var (_, events) = await SendStreamAsync(client, Xai(emulator, XaiStreamBody));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(() => JsonDocument.Parse(text), Throws.InstanceOf<JsonException>());
        Assert.That(events, Has.Count.EqualTo(1));
        Assert.That(() => Json(events[0]), Throws.InstanceOf<JsonException>());
    }

    [Test]
    public async Task EmptyBody_Answers200WithNothing()
    {
        await using var emulator = await ProviderEmulator.StartAsync();
        emulator.Anthropic.Enqueue(EmulatorBehavior.EmptyBody());
        using var client = new HttpClient();

        using var response = await client.SendAsync(Anthropic(emulator));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.Empty);
    }

    [Test]
    public async Task Truncated_ReportsMaxTokensAndLength()
    {
        await using var emulator = await ProviderEmulator.StartAsync();
        emulator.Anthropic.Enqueue(EmulatorBehavior.Truncated("Cut off in the mid"));
        emulator.Xai.Enqueue(EmulatorBehavior.Truncated());
        using var client = new HttpClient();

        var (_, anthropic) = await SendJsonAsync(client, Anthropic(emulator));
        var (_, xaiEvents) = await SendStreamAsync(client, Xai(emulator, XaiStreamBody));

        Assert.That(anthropic.GetProperty("stop_reason").GetString(), Is.EqualTo("max_tokens"));
        Assert.That(anthropic.GetProperty("content")[0].GetProperty("text").GetString(), Is.EqualTo("Cut off in the mid"));
        var finish = xaiEvents.SkipLast(1).Select(Json).Single(c => c.GetProperty("choices").GetArrayLength() == 1 && c.GetProperty("choices")[0].TryGetProperty("finish_reason", out _));
        Assert.That(finish.GetProperty("choices")[0].GetProperty("finish_reason").GetString(), Is.EqualTo("length"));
    }

    [Test]
    public async Task Refusal_ReportsRefusalAndContentFilter()
    {
        await using var emulator = await ProviderEmulator.StartAsync();
        emulator.Anthropic.Enqueue(EmulatorBehavior.Refusal());
        emulator.Xai.Enqueue(EmulatorBehavior.Refusal("No."));
        using var client = new HttpClient();

        var (_, anthropicEvents) = await SendStreamAsync(client, Anthropic(emulator, AnthropicStreamBody));
        var (_, xai) = await SendJsonAsync(client, Xai(emulator));

        var delta = Json(anthropicEvents.Single(e => e.EventType == "message_delta")).GetProperty("delta");
        Assert.That(delta.GetProperty("stop_reason").GetString(), Is.EqualTo("refusal"));
        Assert.That(delta.GetProperty("stop_details").GetProperty("type").GetString(), Is.EqualTo("refusal"));
        Assert.That(xai.GetProperty("choices")[0].GetProperty("finish_reason").GetString(), Is.EqualTo("content_filter"));
        Assert.That(xai.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString(), Is.EqualTo("No."));
    }

    [Test]
    public async Task CannedAnswer_HasAboutTheRequestedTokens()
    {
        await using var emulator = await ProviderEmulator.StartAsync();
        emulator.Anthropic.Default = EmulatorBehavior.CannedAnswer(40);
        using var client = new HttpClient();

        var (_, events) = await SendStreamAsync(client, Anthropic(emulator, AnthropicStreamBody));

        Assert.That(events.Count(e => e.EventType == "content_block_delta"), Is.EqualTo(40));
        Assert.That(EmulatorBehavior.CannedText(3), Is.EqualTo("The quick answer."));
        Assert.That(Json(events.Single(e => e.EventType == "message_delta")).GetProperty("usage").GetProperty("output_tokens").GetInt32(), Is.EqualTo(40));
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
