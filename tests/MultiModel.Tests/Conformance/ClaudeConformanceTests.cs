using System.Net;
using System.Text;
using System.Text.Json;
using MultiModel.Tests.Providers.Claude;

namespace MultiModel.Tests.Conformance;

/// <summary>
/// Runs every recorded Anthropic answer through the Claude provider and compares the result with what the test reads
/// from the same bytes on its own (JsonDocument, line by line for streams).
/// </summary>
[Parallelizable(ParallelScope.All)]
public class ClaudeConformanceTests
{
    private const string Provider = "anthropic";

    [TestCaseSource(typeof(RecordedFixtures), nameof(RecordedFixtures.Names), new object[] { Provider, ".json" })]
    public async Task GetResponseAsync_RecordedJson_MatchesIndependentReading(string name)
    {
        var (body, meta) = RecordedFixtures.Read(Provider, name);
        var status = meta.GetProperty("status").GetInt32();
        using var harness = new ClaudeHarness();
        harness.Expect((HttpStatusCode)status, body, ContentType(meta, "application/json"), Headers(meta));
        using var expected = JsonDocument.Parse(body);
        var root = expected.RootElement;

        if (status >= 400)
        {
            var ex = Assert.ThrowsAsync<ChatProviderException>(() => harness.Provider.GetResponseAsync(new ChatRequest("Hi")));
            var error = root.GetProperty("error");
            Assert.Multiple(() =>
            {
                Assert.That(ex.Kind, Is.EqualTo(ChatProviderErrorKind.HttpStatus));
                Assert.That(ex.StatusCode, Is.EqualTo(status));
                Assert.That(ex.ErrorType, Is.EqualTo(error.GetProperty("type").GetString()));
                Assert.That(ex.ProviderMessage, Is.EqualTo(error.GetProperty("message").GetString()));
                Assert.That(ex.RequestId, Is.EqualTo(root.GetProperty("request_id").GetString()));
                Assert.That(ex.IsContextLengthExceeded, Is.EqualTo(error.GetProperty("message").GetString()!.StartsWith("prompt is too long", StringComparison.Ordinal)));
                Assert.That(ex.IsTransient, Is.False);
            });
            return;
        }

        var response = await harness.Provider.GetResponseAsync(new ChatRequest("Hi"));

        harness.Http.VerifyNoOutstandingExpectation();
        var blocks = root.GetProperty("content").EnumerateArray().ToList();
        var thinking = blocks.Where(b => b.GetProperty("type").GetString() == "thinking").Select(b => b.GetProperty("thinking").GetString()).ToList();
        var stopReason = root.GetProperty("stop_reason").GetString();
        Assert.Multiple(() =>
        {
            Assert.That(response.Text, Is.EqualTo(string.Concat(blocks.Where(b => b.GetProperty("type").GetString() == "text").Select(b => b.GetProperty("text").GetString()))));
            Assert.That(response.ReasoningText, Is.EqualTo(thinking.Count == 0 ? null : string.Concat(thinking)));
            Assert.That(response.ResponseId, Is.EqualTo(root.GetProperty("id").GetString()));
            Assert.That(response.ModelId, Is.EqualTo(root.GetProperty("model").GetString()));
            Assert.That(response.RawFinishReason, Is.EqualTo(stopReason));
            Assert.That(response.FinishReason, Is.EqualTo(ExpectedFinishReason(stopReason)));
            AssertUsage(response.Usage, ExpectedUsage(root.GetProperty("usage")));
            Assert.That(
                response.ToolCalls.Select(c => (c.Id, c.Name, ToolJson.Normalize(c.ArgumentsJson))),
                Is.EqualTo(blocks.Where(b => b.GetProperty("type").GetString() == "tool_use")
                    .Select(b => (b.GetProperty("id").GetString(), b.GetProperty("name").GetString(), ToolJson.Normalize(b.GetProperty("input").GetRawText())))),
                "tool calls (id, name, arguments)");
            Assert.That(
                response.ReasoningParts.Select(p => (p.IsRedacted, p.Text, p.ProtectedData)),
                Is.EqualTo(blocks.Where(b => b.GetProperty("type").GetString() is "thinking" or "redacted_thinking").Select(ReasoningBlock)),
                "reasoning blocks (redacted, text, signature or data)");
        });
    }

    private static (bool Redacted, string Text, string? Data) ReasoningBlock(JsonElement block) =>
        block.GetProperty("type").GetString() == "redacted_thinking"
            ? (true, string.Empty, block.GetProperty("data").GetString())
            : (false, block.GetProperty("thinking").GetString()!, block.TryGetProperty("signature", out var signature) ? signature.GetString() : null);

    [Test]
    public async Task GetResponseAsync_RecordedToolUseThenFollowUp_SendsTheToolTurnsAndReadsTheAnswer()
    {
        var (toolUse, _) = RecordedFixtures.Read(Provider, "msg-tool-use-single.json");
        var (followUp, _) = RecordedFixtures.Read(Provider, "msg-tool-result-followup.json");
        using var harness = new ClaudeHarness();
        harness.Expect(HttpStatusCode.OK, toolUse);
        harness.Expect(HttpStatusCode.OK, followUp);
        var request = new ChatRequest("What's the weather in Berlin? (52.5200, 13.4050)");
        request.Tools.Add(new ChatToolDefinition("weather", "Gets current weather", ToolJson.Parse("""{"type":"object","properties":{"latitude":{"type":"string"},"longitude":{"type":"string"}}}""")));

        var first = await harness.Provider.GetResponseAsync(request);
        var call = first.ToolCalls.Single();
        request.Messages.Add(first.ToAssistantMessage());
        request.Messages.Add(ChatMessage.FromToolResult(call.Id, "Current weather: 15°C, Wind: 10 km/h"));
        var second = await harness.Provider.GetResponseAsync(request);

        harness.Http.VerifyNoOutstandingExpectation();
        using var sent = JsonDocument.Parse(harness.Requests[1].Body);
        var messages = sent.RootElement.GetProperty("messages");
        using var recorded = JsonDocument.Parse(followUp);
        Assert.Multiple(() =>
        {
            Assert.That(call.Id, Is.EqualTo("toolu_01Ay5KzhmQYMK53svGLaAxfc"));
            Assert.That(messages[1].GetProperty("content")[0].GetProperty("id").GetString(), Is.EqualTo(call.Id));
            Assert.That(ToolJson.Normalize(messages[1].GetProperty("content")[0].GetProperty("input").GetRawText()), Is.EqualTo(ToolJson.Normalize("""{"latitude":"52.5200","longitude":"13.4050"}""")));
            Assert.That(messages[2].GetProperty("content")[0].GetProperty("tool_use_id").GetString(), Is.EqualTo(call.Id));
            Assert.That(second.Text, Is.EqualTo(recorded.RootElement.GetProperty("content")[0].GetProperty("text").GetString()));
            Assert.That(second.ToolCalls, Is.Empty);
        });
    }

    [TestCaseSource(typeof(RecordedFixtures), nameof(RecordedFixtures.Names), new object[] { Provider, ".sse" })]
    public async Task GetStreamingResponseAsync_RecordedStream_MatchesIndependentReading(string name)
    {
        var (body, meta) = RecordedFixtures.Read(Provider, name);
        using var harness = new ClaudeHarness();
        harness.Expect((HttpStatusCode)meta.GetProperty("status").GetInt32(), body, ContentType(meta, "text/event-stream"), Headers(meta));
        var expected = ReadStreamIndependently(body);

        var updates = await ClaudeHarness.CollectAsync(harness.Provider.GetStreamingResponseAsync(new ChatRequest("Hi")));

        harness.Http.VerifyNoOutstandingExpectation();
        var final = updates[^1];
        Assert.Multiple(() =>
        {
            Assert.That(string.Concat(updates.Select(u => u.Text)), Is.EqualTo(expected.Text));
            Assert.That(string.Concat(updates.Select(u => u.ReasoningText)), Is.EqualTo(expected.Thinking));
            Assert.That(updates.Count(u => u.IsFinal), Is.EqualTo(1));
            Assert.That(final.IsFinal, Is.True);
            Assert.That(final.RawFinishReason, Is.EqualTo(expected.StopReason));
            Assert.That(final.FinishReason, Is.EqualTo(ExpectedFinishReason(expected.StopReason)));
            Assert.That(final.ResponseId, Is.EqualTo(expected.Id));
            Assert.That(final.ModelId, Is.EqualTo(expected.Model));
            AssertUsage(final.Usage!, expected.Usage);
            Assert.That(
                updates.Where(u => u.ToolCalls is not null).SelectMany(u => u.ToolCalls!).Select(c => (c.Id, c.Name, ToolJson.Normalize(c.ArgumentsJson))),
                Is.EqualTo(expected.ToolCalls),
                "tool calls (id, name, arguments)");
            Assert.That(
                updates.Where(u => u.ReasoningParts is not null).SelectMany(u => u.ReasoningParts!).Select(p => (p.IsRedacted, p.Text, p.ProtectedData)),
                Is.EqualTo(expected.Reasoning),
                "reasoning blocks (redacted, text, signature or data)");
        });
    }

    private static (string Text, string Thinking, string? StopReason, string? Id, string? Model, long[] Usage, List<(string?, string?, string)> ToolCalls, List<(bool, string, string?)> Reasoning) ReadStreamIndependently(byte[] body)
    {
        var toolCalls = new List<(string?, string?, string)>();
        var toolBlocks = new Dictionary<int, (string? Id, string? Name, StringBuilder Json)>();
        var reasoning = new List<(bool, string, string?)>();
        var thinkingBlocks = new Dictionary<int, (StringBuilder Text, string? Signature, string? Data)>();
        var text = new StringBuilder();
        var thinking = new StringBuilder();
        string? stopReason = null, id = null, model = null;
        var usage = new Dictionary<string, JsonElement>();
        foreach (var line in Encoding.UTF8.GetString(body).Split('\n'))
        {
            if (!line.StartsWith("data:", StringComparison.Ordinal))
            {
                continue;
            }

            using var document = JsonDocument.Parse(line["data:".Length..]);
            var data = document.RootElement;
            switch (data.GetProperty("type").GetString())
            {
                case "message_start":
                    var message = data.GetProperty("message");
                    id = message.GetProperty("id").GetString();
                    model = message.GetProperty("model").GetString();
                    Overwrite(usage, message.GetProperty("usage"));
                    break;
                case "content_block_start" when data.GetProperty("content_block").GetProperty("type").GetString() == "tool_use":
                    var block = data.GetProperty("content_block");
                    toolBlocks[data.GetProperty("index").GetInt32()] = (block.GetProperty("id").GetString(), block.GetProperty("name").GetString(), new StringBuilder());
                    break;
                case "content_block_start" when data.GetProperty("content_block").GetProperty("type").GetString() is "thinking" or "redacted_thinking":
                    var shell = data.GetProperty("content_block");
                    thinkingBlocks[data.GetProperty("index").GetInt32()] = (
                        new StringBuilder(shell.TryGetProperty("thinking", out var start) ? start.GetString() : null),
                        null,
                        shell.TryGetProperty("data", out var redacted) ? redacted.GetString() : null);
                    break;
                case "content_block_delta":
                    var delta = data.GetProperty("delta");
                    switch (delta.GetProperty("type").GetString())
                    {
                        case "text_delta": text.Append(delta.GetProperty("text").GetString()); break;
                        case "thinking_delta":
                            thinking.Append(delta.GetProperty("thinking").GetString());
                            thinkingBlocks[data.GetProperty("index").GetInt32()].Text.Append(delta.GetProperty("thinking").GetString());
                            break;
                        case "signature_delta":
                            var index = data.GetProperty("index").GetInt32();
                            thinkingBlocks[index] = thinkingBlocks[index] with { Signature = delta.GetProperty("signature").GetString() };
                            break;
                        case "input_json_delta" when toolBlocks.TryGetValue(data.GetProperty("index").GetInt32(), out var open):
                            open.Json.Append(delta.GetProperty("partial_json").GetString());
                            break;
                    }

                    break;
                case "content_block_stop" when toolBlocks.Remove(data.GetProperty("index").GetInt32(), out var done):
                    toolCalls.Add((done.Id, done.Name, ToolJson.Normalize(done.Json.Length == 0 ? "{}" : done.Json.ToString())));
                    break;
                case "content_block_stop" when thinkingBlocks.Remove(data.GetProperty("index").GetInt32(), out var ended):
                    reasoning.Add(ended.Data is { } opaque ? (true, string.Empty, opaque) : (false, ended.Text.ToString(), ended.Signature));
                    break;
                case "message_delta":
                    stopReason = data.GetProperty("delta").GetProperty("stop_reason").GetString();
                    Overwrite(usage, data.GetProperty("usage"));
                    break;
            }
        }

        return (text.ToString(), thinking.ToString(), stopReason, id, model, Normalize(usage), toolCalls, reasoning);
    }

    private static void Overwrite(Dictionary<string, JsonElement> usage, JsonElement source)
    {
        foreach (var property in source.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.Null)
            {
                usage[property.Name] = property.Value.Clone();
            }
        }
    }

    private static long[] ExpectedUsage(JsonElement usage) =>
        Normalize(usage.EnumerateObject().Where(p => p.Value.ValueKind != JsonValueKind.Null).ToDictionary(p => p.Name, p => p.Value));

    /// <summary>Normalizes as ChatUsage documents: [input incl. cache, output, reasoning, cache read, cache write].</summary>
    private static long[] Normalize(Dictionary<string, JsonElement> usage)
    {
        long Get(string key) => usage.TryGetValue(key, out var value) ? value.GetInt64() : 0;
        var thinking = usage.TryGetValue("output_tokens_details", out var details) && details.TryGetProperty("thinking_tokens", out var t) ? t.GetInt64() : 0;
        return
        [
            Get("input_tokens") + Get("cache_creation_input_tokens") + Get("cache_read_input_tokens"),
            Get("output_tokens"),
            thinking,
            Get("cache_read_input_tokens"),
            Get("cache_creation_input_tokens"),
        ];
    }

    private static void AssertUsage(ChatUsage actual, long[] expected) =>
        Assert.That(
            new[] { actual.InputTokens, actual.OutputTokens, actual.ReasoningTokens, actual.CacheReadTokens, actual.CacheWriteTokens },
            Is.EqualTo(expected),
            "usage [input, output, reasoning, cacheRead, cacheWrite]");

    private static ChatFinishReason ExpectedFinishReason(string? stopReason) => stopReason switch
    {
        "end_turn" => ChatFinishReason.Stop,
        "stop_sequence" => ChatFinishReason.Stop,
        "max_tokens" => ChatFinishReason.Length,
        "model_context_window_exceeded" => ChatFinishReason.Length,
        "refusal" => ChatFinishReason.ContentFilter,
        "tool_use" => ChatFinishReason.ToolCalls,
        _ => ChatFinishReason.Other,
    };

    private static string ContentType(JsonElement meta, string fallback) =>
        meta.TryGetProperty("response_headers", out var headers) && headers.TryGetProperty("content-type", out var value)
            ? value.GetString()!
            : fallback;

    private static List<KeyValuePair<string, string>> Headers(JsonElement meta) =>
        meta.TryGetProperty("response_headers", out var headers)
            ? [.. headers.EnumerateObject()
                .Where(h => !h.NameEquals("content-type"))
                .Select(h => new KeyValuePair<string, string>(h.Name, h.Value.GetString()!))]
            : [];
}
