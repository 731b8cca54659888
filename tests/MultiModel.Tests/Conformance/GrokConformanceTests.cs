using System.Net;
using System.Text;
using System.Text.Json;
using MultiModel.Providers.Grok;
using MultiModel.Tests.Providers.ChatCompletions;
using RichardSzalay.MockHttp;

namespace MultiModel.Tests.Conformance;

/// <summary>
/// Replays every recorded xAI response through <see cref="GrokChatProvider"/> and checks the result against values
/// read independently from the recorded body.
/// </summary>
[Parallelizable(ParallelScope.All)]
public class GrokConformanceTests
{
    private const string Provider = "xai";
    private const string Url = "https://api.x.ai/v1/chat/completions";

    public static IEnumerable<string> JsonFiles() => RecordedFixtures.Names(Provider, ".json");

    public static IEnumerable<string> SseFiles() => RecordedFixtures.Names(Provider, ".sse");

    [TestCaseSource(nameof(JsonFiles))]
    public async Task GetResponseAsync_RecordedJson_MatchesTheRecording(string name)
    {
        var (body, meta) = RecordedFixtures.Read(Provider, name);
        var status = meta.GetProperty("status").GetInt32();
        using var http = new ChatCompletionsHttp();
        Serve(http, body, meta);
        var provider = CreateProvider(http.Client);
        var request = new ChatRequest("Hi") { ModelId = meta.GetProperty("request_model").GetString() };
        using var expected = JsonDocument.Parse(body);
        var root = expected.RootElement;

        if (status >= 400)
        {
            var ex = Assert.ThrowsAsync<ChatProviderException>(() => provider.GetResponseAsync(request));
            AssertRecordedError(ex, status, root, name, meta);
            return;
        }

        var response = await provider.GetResponseAsync(request);

        var choice = root.GetProperty("choices")[0];
        var message = choice.GetProperty("message");
        Assert.Multiple(() =>
        {
            Assert.That(response.Text, Is.EqualTo(OptionalString(message, "content") ?? string.Empty));
            Assert.That(response.ReasoningText, Is.EqualTo(OptionalString(message, "reasoning_content")));
            Assert.That(response.RawFinishReason, Is.EqualTo(choice.GetProperty("finish_reason").GetString()));
            Assert.That(response.FinishReason, Is.EqualTo(ExpectedFinishReason(choice.GetProperty("finish_reason").GetString())));
            Assert.That(response.ModelId, Is.EqualTo(root.GetProperty("model").GetString()));
            Assert.That(response.ResponseId, Is.EqualTo(root.GetProperty("id").GetString()));
            Assert.That(response.Logprobs, Is.Null, "no recording asked for logprobs");
            AssertUsage(response.Usage, root.GetProperty("usage"));
            var recordedCalls = message.TryGetProperty("tool_calls", out var calls) ? calls.EnumerateArray().ToList() : [];
            Assert.That(
                response.ToolCalls.Select(c => (c.Id, c.Name, ToolJson.Normalize(c.ArgumentsJson))),
                Is.EqualTo(recordedCalls.Select(c => (c.GetProperty("id").GetString(), c.GetProperty("function").GetProperty("name").GetString(), ToolJson.Normalize(c.GetProperty("function").GetProperty("arguments").GetString()!)))),
                "tool calls (id, name, arguments)");
        });
    }

    [TestCaseSource(nameof(SseFiles))]
    public async Task GetStreamingResponseAsync_RecordedStream_MatchesTheRecording(string name)
    {
        var (body, meta) = RecordedFixtures.Read(Provider, name);
        using var http = new ChatCompletionsHttp();
        Serve(http, body, meta);
        var request = new ChatRequest("Hi") { ModelId = meta.GetProperty("request_model").GetString() };
        var expected = ReadStream(body);

        var updates = await ChatCompletionsHttp.CollectAsync(CreateProvider(http.Client).GetStreamingResponseAsync(request));

        var final = updates[^1];
        Assert.Multiple(() =>
        {
            Assert.That(string.Concat(updates.Select(u => u.Text)), Is.EqualTo(expected.Text.ToString()));
            Assert.That(string.Concat(updates.Select(u => u.ReasoningText)), Is.EqualTo(expected.Reasoning.ToString()));
            Assert.That(updates.Count(u => u.IsFinal), Is.EqualTo(1));
            Assert.That(final.IsFinal, Is.True);
            Assert.That(final.RawFinishReason, Is.EqualTo(expected.FinishReason));
            Assert.That(final.FinishReason, Is.EqualTo(ExpectedFinishReason(expected.FinishReason)));
            Assert.That(final.ModelId, Is.EqualTo(expected.Model));
            Assert.That(final.ResponseId, Is.EqualTo(expected.Id));
            Assert.That(final.Usage, Is.Not.Null);
            AssertUsage(final.Usage!, expected.Usage!.RootElement);
            Assert.That(
                updates.Where(u => u.ToolCalls is not null).SelectMany(u => u.ToolCalls!).Select(c => (c.Id, c.Name, ToolJson.Normalize(c.ArgumentsJson))),
                Is.EqualTo(expected.ToolCalls.OrderBy(p => p.Key).Select(p => (p.Value.Id, p.Value.Name, ToolJson.Normalize(p.Value.Arguments.ToString())))),
                "tool calls (id, name, arguments)");
        });
        expected.Usage?.Dispose();
    }

    private static GrokChatProvider CreateProvider(HttpClient client) =>
        new(client, new GrokProviderOptions { ApiKey = "xai-conformance-key" });

    private static void Serve(ChatCompletionsHttp http, byte[] body, JsonElement meta)
    {
        var status = (HttpStatusCode)meta.GetProperty("status").GetInt32();
        var headers = meta.GetProperty("response_headers");
        http.Handler.Expect(HttpMethod.Post, Url).Respond(_ =>
        {
            var response = new HttpResponseMessage(status) { Content = new ByteArrayContent(body) };
            foreach (var header in headers.EnumerateObject())
            {
                if (!response.Headers.TryAddWithoutValidation(header.Name, header.Value.GetString()))
                {
                    response.Content.Headers.TryAddWithoutValidation(header.Name, header.Value.GetString());
                }
            }

            return response;
        });
    }

    private static void AssertRecordedError(ChatProviderException ex, int status, JsonElement root, string name, JsonElement meta)
    {
        Assert.Multiple(() =>
        {
            Assert.That(ex.Kind, Is.EqualTo(ChatProviderErrorKind.HttpStatus));
            Assert.That(ex.StatusCode, Is.EqualTo(status));
            Assert.That(ex.ErrorType, Is.EqualTo(root.GetProperty("code").GetString()));
            Assert.That(ex.ProviderMessage, Is.EqualTo(root.GetProperty("error").GetString()));
            Assert.That(ex.IsTransient, Is.EqualTo(status >= 500));
            Assert.That(ex.IsContextLengthExceeded, Is.EqualTo(name.Contains("context-length", StringComparison.Ordinal)));
            var requestId = meta.GetProperty("response_headers").TryGetProperty("x-request-id", out var id) ? id.GetString() : null;
            Assert.That(ex.RequestId, Is.EqualTo(requestId));
        });
    }

    // OutputTokens must count reasoning exactly once whatever the arithmetic: it is everything past the prompt.
    private static void AssertUsage(ChatUsage usage, JsonElement expected)
    {
        var prompt = expected.GetProperty("prompt_tokens").GetInt64();
        Assert.That(usage.InputTokens, Is.EqualTo(prompt));
        Assert.That(usage.OutputTokens, Is.EqualTo(expected.GetProperty("total_tokens").GetInt64() - prompt));
        Assert.That(usage.ReasoningTokens, Is.EqualTo(expected.GetProperty("completion_tokens_details").GetProperty("reasoning_tokens").GetInt64()));
        Assert.That(usage.CacheReadTokens, Is.EqualTo(expected.GetProperty("prompt_tokens_details").GetProperty("cached_tokens").GetInt64()));
    }

    private static ChatFinishReason ExpectedFinishReason(string? raw) => raw switch
    {
        "stop" => ChatFinishReason.Stop,
        "length" => ChatFinishReason.Length,
        "tool_calls" => ChatFinishReason.ToolCalls,
        "content_filter" => ChatFinishReason.ContentFilter,
        _ => ChatFinishReason.Other,
    };

    private static string? OptionalString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static RecordedStream ReadStream(byte[] body)
    {
        var result = new RecordedStream();
        foreach (var line in Encoding.UTF8.GetString(body).Split('\n'))
        {
            if (!line.StartsWith("data:", StringComparison.Ordinal) || line.AsSpan(5).Trim().SequenceEqual("[DONE]"))
            {
                continue;
            }

            using var chunk = JsonDocument.Parse(line[5..]);
            var root = chunk.RootElement;
            result.Id = OptionalString(root, "id") ?? result.Id;
            result.Model = OptionalString(root, "model") ?? result.Model;
            if (root.TryGetProperty("usage", out var usage) && usage.ValueKind == JsonValueKind.Object)
            {
                result.Usage?.Dispose();
                result.Usage = JsonDocument.Parse(usage.GetRawText());
            }

            foreach (var choice in root.GetProperty("choices").EnumerateArray())
            {
                result.FinishReason = OptionalString(choice, "finish_reason") ?? result.FinishReason;
                if (choice.TryGetProperty("delta", out var delta))
                {
                    result.Text.Append(OptionalString(delta, "content"));
                    result.Reasoning.Append(OptionalString(delta, "reasoning_content"));
                    foreach (var fragment in delta.TryGetProperty("tool_calls", out var fragments) ? fragments.EnumerateArray() : default)
                    {
                        var index = fragment.GetProperty("index").GetInt32();
                        var function = fragment.GetProperty("function");
                        if (!result.ToolCalls.TryGetValue(index, out var call))
                        {
                            call = (OptionalString(fragment, "id"), OptionalString(function, "name"), new StringBuilder());
                            result.ToolCalls[index] = call;
                        }

                        call.Arguments.Append(OptionalString(function, "arguments"));
                    }
                }
            }
        }

        return result;
    }

    private sealed class RecordedStream
    {
        public StringBuilder Text { get; } = new();

        public StringBuilder Reasoning { get; } = new();

        public string? FinishReason { get; set; }

        public string? Id { get; set; }

        public string? Model { get; set; }

        public JsonDocument? Usage { get; set; }

        public SortedDictionary<int, (string? Id, string? Name, StringBuilder Arguments)> ToolCalls { get; } = [];
    }
}
