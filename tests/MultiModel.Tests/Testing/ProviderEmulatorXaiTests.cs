using System.Net;
using MultiModel.Testing;
using static MultiModel.Tests.Testing.EmulatorCalls;

namespace MultiModel.Tests.Testing;

[Parallelizable(ParallelScope.All)]
public class ProviderEmulatorXaiTests
{
    [Test]
    public async Task ChatCompletions_ValidJsonRequest_AnswersWithTheCompletionShape()
    {
        await using var emulator = await ProviderEmulator.StartAsync();
        using var client = new HttpClient();

        var (response, json) = await SendJsonAsync(client, Xai(emulator));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(Guid.TryParse(Header(response, "x-request-id"), out _), Is.True);
        Assert.That(Guid.TryParse(json.GetProperty("id").GetString(), out _), Is.True);
        Assert.That(json.GetProperty("object").GetString(), Is.EqualTo("chat.completion"));
        Assert.That(json.GetProperty("model").GetString(), Is.EqualTo("grok-4-1-fast-non-reasoning"));
        Assert.That(json.GetProperty("created").GetInt64(), Is.GreaterThan(1_700_000_000));
        var choice = json.GetProperty("choices")[0];
        Assert.That(choice.GetProperty("message").GetProperty("role").GetString(), Is.EqualTo("assistant"));
        Assert.That(choice.GetProperty("message").GetProperty("content").GetString(), Is.EqualTo("Hello from the provider emulator."));
        Assert.That(choice.GetProperty("finish_reason").GetString(), Is.EqualTo("stop"));
        Assert.That(choice.TryGetProperty("logprobs", out _), Is.False);
        var usage = json.GetProperty("usage");
        Assert.That(usage.GetProperty("completion_tokens").GetInt32(), Is.EqualTo(5));
        Assert.That(usage.GetProperty("total_tokens").GetInt32(),
            Is.EqualTo(usage.GetProperty("prompt_tokens").GetInt32() + usage.GetProperty("completion_tokens").GetInt32()));
    }

    [Test]
    public async Task ChatCompletions_StreamWithIncludeUsage_SendsChunksUsageAndDone()
    {
        await using var emulator = await ProviderEmulator.StartAsync();
        emulator.Xai.Default = EmulatorBehavior.Answer("Seven is prime.");
        using var client = new HttpClient();

        var (response, events) = await SendStreamAsync(client, Xai(emulator, XaiStreamBody));

        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/event-stream"));
        Assert.That(events.Select(e => e.EventType).Distinct(), Is.EqualTo(new[] { "message" }));
        Assert.That(events[^1].Data, Is.EqualTo("[DONE]"));
        var chunks = events.SkipLast(1).Select(Json).ToList();
        Assert.That(chunks, Has.Count.EqualTo(5));
        Assert.That(chunks.Select(c => c.GetProperty("object").GetString()).Distinct(), Is.EqualTo(new[] { "chat.completion.chunk" }));
        Assert.That(chunks.Select(c => c.GetProperty("id").GetString()).Distinct().Count(), Is.EqualTo(1));
        Assert.That(chunks[0].GetProperty("choices")[0].GetProperty("delta").GetProperty("role").GetString(), Is.EqualTo("assistant"));
        var text = string.Concat(chunks.Take(3).Select(c => c.GetProperty("choices")[0].GetProperty("delta").GetProperty("content").GetString()));
        Assert.That(text, Is.EqualTo("Seven is prime."));
        var finish = chunks[3].GetProperty("choices")[0];
        Assert.That(finish.GetProperty("finish_reason").GetString(), Is.EqualTo("stop"));
        Assert.That(finish.GetProperty("delta").EnumerateObject().Count(), Is.Zero);
        Assert.That(chunks[4].GetProperty("choices").GetArrayLength(), Is.Zero);
        Assert.That(chunks[4].GetProperty("usage").GetProperty("completion_tokens").GetInt32(), Is.EqualTo(3));
    }

    [Test]
    public async Task ChatCompletions_StreamWithoutIncludeUsage_HasNoUsageChunk()
    {
        await using var emulator = await ProviderEmulator.StartAsync();
        using var client = new HttpClient();
        const string Body = """{"model":"grok-3-mini","messages":[{"role":"user","content":"hi"}],"stream":true}""";

        var (_, events) = await SendStreamAsync(client, Xai(emulator, Body));

        Assert.That(events[^1].Data, Is.EqualTo("[DONE]"));
        Assert.That(events.SkipLast(1).Select(Json), Has.None.Matches<System.Text.Json.JsonElement>(c => c.TryGetProperty("usage", out _)));
    }

    [Test]
    public async Task ChatCompletions_MissingAuthorization_Returns401()
    {
        await using var emulator = await ProviderEmulator.StartAsync();
        using var client = new HttpClient();

        var (response, json) = await SendJsonAsync(client, Xai(emulator, apiKey: string.Empty));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(json.GetProperty("code").GetString(), Is.Not.Empty);
        Assert.That(json.GetProperty("error").GetString(), Does.Contain("authentication"));
    }

    [Test]
    public async Task ChatCompletions_WrongKey_Returns400WithTheKeyMasked()
    {
        await using var emulator = await ProviderEmulator.StartAsync();
        using var client = new HttpClient();

        var (response, json) = await SendJsonAsync(client, Xai(emulator, apiKey: "xai-totally-secret-key"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(json.GetProperty("code").GetString(), Is.EqualTo("Client specified an invalid argument"));
        Assert.That(json.GetProperty("error").GetString(), Is.EqualTo("Incorrect API key provided: xa***ey. You can obtain an API key from https://console.x.ai."));
        var recorded = emulator.Xai.Requests.Single();
        Assert.That(recorded.Authenticated, Is.False);
        Assert.That(recorded.Headers.ContainsKey("authorization"), Is.False);
        Assert.That(string.Join(" ", recorded.Headers.Values), Does.Not.Contain("secret"));
    }

    [TestCase("""{"messages":[{"role":"user","content":"hi"}]}""", "`model`")]
    [TestCase("""{"model":"grok-4"}""", "`messages`")]
    [TestCase("""{"model":"grok-4","messages":[]}""", "at least one message")]
    [TestCase("not json", "JSON")]
    public async Task ChatCompletions_InvalidBody_Returns400(string body, string message)
    {
        await using var emulator = await ProviderEmulator.StartAsync();
        using var client = new HttpClient();

        var (response, json) = await SendJsonAsync(client, Xai(emulator, body));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(json.GetProperty("code").GetString(), Is.EqualTo("Client specified an invalid argument"));
        Assert.That(json.GetProperty("error").GetString(), Does.Contain(message));
    }

    [Test]
    public async Task ChatCompletions_LogprobsRequested_ReturnsThemWithTheScriptedProbability()
    {
        await using var emulator = await ProviderEmulator.StartAsync();
        emulator.Xai.Enqueue(EmulatorBehavior.Answer("Two three five.").WithLogprobs(0.2), EmulatorBehavior.Answer("Two three five."));
        using var client = new HttpClient();
        const string Body = """{"model":"grok-3","messages":[{"role":"user","content":"primes?"}],"logprobs":true,"top_logprobs":2}""";

        var (_, low) = await SendJsonAsync(client, Xai(emulator, Body));
        var (_, high) = await SendJsonAsync(client, Xai(emulator, Body));

        var lowTokens = low.GetProperty("choices")[0].GetProperty("logprobs").GetProperty("content");
        Assert.That(lowTokens.GetArrayLength(), Is.EqualTo(3));
        Assert.That(string.Concat(lowTokens.EnumerateArray().Select(t => t.GetProperty("token").GetString())), Is.EqualTo("Two three five."));
        Assert.That(lowTokens[0].GetProperty("logprob").GetDouble(), Is.EqualTo(Math.Log(0.2)).Within(1e-9));
        Assert.That(lowTokens[0].GetProperty("top_logprobs").GetArrayLength(), Is.EqualTo(2));
        Assert.That(lowTokens[0].GetProperty("bytes").GetArrayLength(), Is.EqualTo(3));
        var highTokens = high.GetProperty("choices")[0].GetProperty("logprobs").GetProperty("content");
        Assert.That(Math.Exp(highTokens[0].GetProperty("logprob").GetDouble()), Is.GreaterThan(0.9));
    }

    [Test]
    public async Task ChatCompletions_StreamWithLogprobs_EachChunkCarriesItsToken()
    {
        await using var emulator = await ProviderEmulator.StartAsync();
        emulator.Xai.Default = EmulatorBehavior.Answer("a b").WithLogprobs(0.5);
        using var client = new HttpClient();
        const string Body = """{"model":"grok-3","messages":[{"role":"user","content":"x"}],"stream":true,"logprobs":true}""";

        var (_, events) = await SendStreamAsync(client, Xai(emulator, Body));

        var first = Json(events[0]).GetProperty("choices")[0].GetProperty("logprobs").GetProperty("content");
        Assert.That(first.GetArrayLength(), Is.EqualTo(1));
        Assert.That(first[0].GetProperty("token").GetString(), Is.EqualTo("a"));
        Assert.That(first[0].GetProperty("logprob").GetDouble(), Is.EqualTo(Math.Log(0.5)).Within(1e-9));
    }

    [Test]
    public async Task Anthropic_LogprobsRequested_AreIgnored()
    {
        await using var emulator = await ProviderEmulator.StartAsync();
        emulator.Anthropic.Default = EmulatorBehavior.Answer().WithLogprobs(0.2);
        using var client = new HttpClient();
        const string Body = """{"model":"claude-haiku-4-5","max_tokens":5,"logprobs":true,"messages":[{"role":"user","content":"x"}]}""";

        var (_, json) = await SendJsonAsync(client, Anthropic(emulator, Body));

        Assert.That(json.ToString(), Does.Not.Contain("logprob"));
    }

    [Test]
    public async Task ChatCompletions_AnswerLongerThanMaxCompletionTokens_IsCutWithLength()
    {
        await using var emulator = await ProviderEmulator.StartAsync();
        emulator.Xai.Default = EmulatorBehavior.CannedAnswer(50);
        using var client = new HttpClient();
        const string Body = """{"model":"grok-4","max_completion_tokens":2,"messages":[{"role":"user","content":"Tell me a story."}],"stream":true}""";

        var (_, events) = await SendStreamAsync(client, Xai(emulator, Body));

        var chunks = events.SkipLast(1).Select(Json).ToList();
        Assert.That(chunks, Has.Count.EqualTo(3));
        Assert.That(chunks[2].GetProperty("choices")[0].GetProperty("finish_reason").GetString(), Is.EqualTo("length"));
    }
}
