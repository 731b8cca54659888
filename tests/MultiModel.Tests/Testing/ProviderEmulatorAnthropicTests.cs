using System.Net;
using MultiModel.Testing;
using static MultiModel.Tests.Testing.EmulatorCalls;

namespace MultiModel.Tests.Testing;

[Parallelizable(ParallelScope.All)]
public class ProviderEmulatorAnthropicTests
{
    [Test]
    public async Task Messages_ValidJsonRequest_AnswersWithTheMessageShape()
    {
        await using var emulator = await ProviderEmulator.StartAsync();
        using var client = new HttpClient();

        var (response, json) = await SendJsonAsync(client, Anthropic(emulator));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/json"));
        Assert.That(Header(response, "request-id"), Does.StartWith("req_"));
        Assert.That(json.GetProperty("id").GetString(), Does.StartWith("msg_"));
        Assert.That(json.GetProperty("type").GetString(), Is.EqualTo("message"));
        Assert.That(json.GetProperty("role").GetString(), Is.EqualTo("assistant"));
        Assert.That(json.GetProperty("model").GetString(), Is.EqualTo("claude-sonnet-4-5"));
        var content = json.GetProperty("content");
        Assert.That(content.GetArrayLength(), Is.EqualTo(1));
        Assert.That(content[0].GetProperty("type").GetString(), Is.EqualTo("text"));
        Assert.That(content[0].GetProperty("text").GetString(), Is.EqualTo("Hello from the provider emulator."));
        Assert.That(json.GetProperty("stop_reason").GetString(), Is.EqualTo("end_turn"));
        var usage = json.GetProperty("usage");
        Assert.That(usage.GetProperty("input_tokens").GetInt32(), Is.InRange(10, 100));
        Assert.That(usage.GetProperty("output_tokens").GetInt32(), Is.EqualTo(5));
        Assert.That(usage.GetProperty("cache_read_input_tokens").GetInt32(), Is.Zero);
    }

    [Test]
    public async Task Messages_StreamRequest_SendsTheEventSequence()
    {
        await using var emulator = await ProviderEmulator.StartAsync();
        emulator.Anthropic.Default = EmulatorBehavior.Answer("One two three.");
        using var client = new HttpClient();

        var (response, events) = await SendStreamAsync(client, Anthropic(emulator, AnthropicStreamBody));

        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/event-stream"));
        Assert.That(events.Select(e => e.EventType), Is.EqualTo(new[]
        {
            "message_start", "content_block_start", "ping", "content_block_delta", "content_block_delta", "content_block_delta",
            "content_block_stop", "message_delta", "message_stop",
        }));
        Assert.That(events.Select(e => Json(e).GetProperty("type").GetString()), Is.EqualTo(events.Select(e => e.EventType)));
        var start = Json(events[0]).GetProperty("message");
        Assert.That(start.GetProperty("model").GetString(), Is.EqualTo("claude-sonnet-4-5"));
        Assert.That(start.GetProperty("content").GetArrayLength(), Is.Zero);
        var text = string.Concat(events.Where(e => e.EventType == "content_block_delta")
            .Select(e => Json(e).GetProperty("delta").GetProperty("text").GetString()));
        Assert.That(text, Is.EqualTo("One two three."));
        var delta = Json(events[^2]);
        Assert.That(delta.GetProperty("delta").GetProperty("stop_reason").GetString(), Is.EqualTo("end_turn"));
        Assert.That(delta.GetProperty("usage").GetProperty("output_tokens").GetInt32(), Is.EqualTo(3));
    }

    [Test]
    public async Task Messages_MissingApiKey_Returns401AuthenticationError()
    {
        await using var emulator = await ProviderEmulator.StartAsync();
        using var client = new HttpClient();

        var (response, json) = await SendJsonAsync(client, Anthropic(emulator, apiKey: string.Empty));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(json.GetProperty("type").GetString(), Is.EqualTo("error"));
        Assert.That(json.GetProperty("error").GetProperty("type").GetString(), Is.EqualTo("authentication_error"));
        Assert.That(Header(response, "x-should-retry"), Is.EqualTo("false"));
    }

    [Test]
    public async Task Messages_WrongApiKey_Returns401InvalidKeyAndNeverRecordsTheKey()
    {
        await using var emulator = await ProviderEmulator.StartAsync();
        emulator.Anthropic.Enqueue(EmulatorBehavior.Answer("kept for the next valid call"));
        using var client = new HttpClient();

        var (response, json) = await SendJsonAsync(client, Anthropic(emulator, apiKey: "sk-ant-wrong-secret-123"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(json.GetProperty("error").GetProperty("message").GetString(), Is.EqualTo("invalid x-api-key"));
        Assert.That(json.GetProperty("request_id").GetString(), Is.EqualTo(Header(response, "request-id")));
        Assert.That(Header(response, "x-should-retry"), Is.EqualTo("false"));
        var recorded = emulator.Anthropic.Requests.Single();
        Assert.That(recorded.Authenticated, Is.False);
        Assert.That(recorded.Headers.ContainsKey("x-api-key"), Is.False);
        Assert.That(recorded.Headers.Values, Has.None.Contains("wrong-secret"));
        Assert.That(recorded.StatusCode, Is.EqualTo(401));
        Assert.That(emulator.Anthropic.PendingCount, Is.EqualTo(1));
    }

    [Test]
    public async Task Messages_MissingVersionHeader_Returns400()
    {
        await using var emulator = await ProviderEmulator.StartAsync();
        using var client = new HttpClient();

        var (response, json) = await SendJsonAsync(client, Anthropic(emulator, version: false));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(json.GetProperty("error").GetProperty("type").GetString(), Is.EqualTo("invalid_request_error"));
        Assert.That(json.GetProperty("error").GetProperty("message").GetString(), Does.Contain("anthropic-version"));
    }

    [TestCase("""{"max_tokens":10,"messages":[{"role":"user","content":"hi"}]}""", "model: Field required")]
    [TestCase("""{"model":"claude-haiku-4-5","messages":[{"role":"user","content":"hi"}]}""", "max_tokens: Field required")]
    [TestCase("""{"model":"claude-haiku-4-5","max_tokens":10}""", "messages: Field required")]
    [TestCase("""{"model":"claude-haiku-4-5","max_tokens":10,"messages":[]}""", "messages: at least one message is required")]
    [TestCase("""{"model": "claude""", "error parsing the body")]
    public async Task Messages_InvalidBody_Returns400InvalidRequest(string body, string message)
    {
        await using var emulator = await ProviderEmulator.StartAsync();
        using var client = new HttpClient();

        var (response, json) = await SendJsonAsync(client, Anthropic(emulator, body));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(json.GetProperty("error").GetProperty("type").GetString(), Is.EqualTo("invalid_request_error"));
        Assert.That(json.GetProperty("error").GetProperty("message").GetString(), Does.Contain(message));
    }

    [Test]
    public async Task Messages_Request_IsRecordedWithoutSecrets()
    {
        await using var emulator = await ProviderEmulator.StartAsync();
        using var client = new HttpClient();

        using var response = await client.SendAsync(Anthropic(emulator, AnthropicStreamBody));
        await response.Content.ReadAsStringAsync();

        var recorded = emulator.Requests.Single();
        Assert.That(recorded.Provider, Is.EqualTo(EmulatedProviderKind.Anthropic));
        Assert.That(recorded.Method, Is.EqualTo("POST"));
        Assert.That(recorded.Path, Is.EqualTo("/v1/messages"));
        Assert.That(recorded.Model, Is.EqualTo("claude-sonnet-4-5"));
        Assert.That(recorded.Stream, Is.True);
        Assert.That(recorded.Body!.Value.GetProperty("max_tokens").GetInt32(), Is.EqualTo(256));
        Assert.That(recorded.BodyText, Is.EqualTo(AnthropicStreamBody));
        Assert.That(recorded.Headers["anthropic-version"], Is.EqualTo("2023-06-01"));
        Assert.That(recorded.Authenticated, Is.True);
        Assert.That(recorded.Outcome, Is.EqualTo(EmulatorRequestOutcome.Completed));
        Assert.That(recorded.StatusCode, Is.EqualTo(200));
        Assert.That(recorded.RequestId, Is.EqualTo(Header(response, "request-id")));
        Assert.That(recorded.ToString(), Does.Not.Contain(emulator.Anthropic.ApiKey));
        Assert.That(string.Join(" ", recorded.Headers.Values), Does.Not.Contain(emulator.Anthropic.ApiKey));
    }

    [Test]
    public async Task Messages_AnswerLongerThanMaxTokens_IsCutWithMaxTokensStop()
    {
        await using var emulator = await ProviderEmulator.StartAsync();
        emulator.Anthropic.Default = EmulatorBehavior.CannedAnswer(50);
        using var client = new HttpClient();
        const string Body = """{"model":"claude-haiku-4-5","max_tokens":3,"messages":[{"role":"user","content":"Tell me a story."}]}""";

        var (_, json) = await SendJsonAsync(client, Anthropic(emulator, Body));

        Assert.That(json.GetProperty("content")[0].GetProperty("text").GetString(), Is.EqualTo("The quick answer"));
        Assert.That(json.GetProperty("stop_reason").GetString(), Is.EqualTo("max_tokens"));
        Assert.That(json.GetProperty("usage").GetProperty("output_tokens").GetInt32(), Is.EqualTo(3));
    }
}
