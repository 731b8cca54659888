using System.Net;
using System.Text.Json;
using MultiModel.Testing;
using static MultiModel.Tests.Testing.EmulatorCalls;

namespace MultiModel.Tests.Testing;

[Parallelizable(ParallelScope.All)]
public class ProviderEmulatorStreamBehaviorTests
{
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
}
