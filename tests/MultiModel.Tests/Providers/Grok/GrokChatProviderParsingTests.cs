using MultiModel.Tests.Providers.ChatCompletions;
using static MultiModel.Tests.Providers.ChatCompletions.ChatCompletionsHttp;
using static MultiModel.Tests.Providers.Grok.GrokTestData;

namespace MultiModel.Tests.Providers.Grok;

[Parallelizable(ParallelScope.All)]
public class GrokChatProviderParsingTests
{
    [Test]
    public async Task GetResponseAsync_ReasoningContent_KeepsReasoningApartFromText()
    {
        using var http = new ChatCompletionsHttp();
        http.Expect(Url, Completion("""{"role":"assistant","content":"4","reasoning_content":"2+2 is 4.","refusal":null}"""));

        var response = await CreateProvider(http.Client).GetResponseAsync(new ChatRequest("2+2?"));

        Assert.Multiple(() =>
        {
            Assert.That(response.Text, Is.EqualTo("4"));
            Assert.That(response.ReasoningText, Is.EqualTo("2+2 is 4."));
            Assert.That(response.ProviderName, Is.EqualTo("grok"));
            Assert.That(response.ModelId, Is.EqualTo("grok-4-0709"));
            Assert.That(response.ResponseId, Is.EqualTo("resp-1"));
            Assert.That(response.FinishReason, Is.EqualTo(ChatFinishReason.Stop));
            Assert.That(response.RawFinishReason, Is.EqualTo("stop"));
            Assert.That(response.Logprobs, Is.Null);
        });
    }

    [TestCase("null")]
    [TestCase("\"\"")]
    public async Task GetResponseAsync_NullOrEmptyContent_ReturnsEmptyText(string content)
    {
        using var http = new ChatCompletionsHttp();
        http.Expect(Url, Completion($$$"""{"role":"assistant","content":{{{content}}},"tool_calls":[{"id":"call_1","type":"function","function":{"name":"f","arguments":"{}"}}]}""", "tool_calls"));

        var response = await CreateProvider(http.Client).GetResponseAsync(new ChatRequest("Hi"));

        Assert.That(response.Text, Is.Empty);
        Assert.That(response.FinishReason, Is.EqualTo(ChatFinishReason.ToolCalls));
    }

    [Test]
    public async Task GetResponseAsync_Refusal_ReportsContentFilterWithRefusalText()
    {
        using var http = new ChatCompletionsHttp();
        http.Expect(Url, Completion("""{"role":"assistant","content":null,"refusal":"I can't help with that."}"""));

        var response = await CreateProvider(http.Client).GetResponseAsync(new ChatRequest("Hi"));

        Assert.Multiple(() =>
        {
            Assert.That(response.FinishReason, Is.EqualTo(ChatFinishReason.ContentFilter));
            Assert.That(response.RawFinishReason, Is.EqualTo("stop"));
            Assert.That(response.Text, Is.EqualTo("I can't help with that."));
        });
    }

    [TestCase("stop", ChatFinishReason.Stop)]
    [TestCase("length", ChatFinishReason.Length)]
    [TestCase("content_filter", ChatFinishReason.ContentFilter)]
    [TestCase("tool_calls", ChatFinishReason.ToolCalls)]
    [TestCase("function_call", ChatFinishReason.ToolCalls)]
    [TestCase("MAX_CONTEXT", ChatFinishReason.Other)]
    [TestCase("time_limit", ChatFinishReason.Other)]
    public async Task GetResponseAsync_FinishReason_IsNormalizedAndRawKept(string raw, ChatFinishReason expected)
    {
        using var http = new ChatCompletionsHttp();
        http.Expect(Url, Completion("""{"role":"assistant","content":"x"}""", raw));

        var response = await CreateProvider(http.Client).GetResponseAsync(new ChatRequest("Hi"));

        Assert.That(response.FinishReason, Is.EqualTo(expected));
        Assert.That(response.RawFinishReason, Is.EqualTo(raw));
    }

    [Test]
    public async Task GetResponseAsync_Logprobs_AreReturnedInOrder()
    {
        using var http = new ChatCompletionsHttp();
        const string logprobs = """
            ,"logprobs":{"content":[{"token":"Hel","logprob":-0.25,"bytes":[72,101,108],"top_logprobs":[]},
                                    {"token":"lo","logprob":-1.5,"bytes":[108,111],"top_logprobs":[]}]}
            """;
        http.Expect(Url, Completion("""{"role":"assistant","content":"Hello"}""", extraChoice: logprobs));

        var response = await CreateProvider(http.Client).GetResponseAsync(new ChatRequest("Hi") { IncludeLogprobs = true });

        Assert.That(response.Logprobs, Is.EqualTo(new[] { new TokenLogprob("Hel", -0.25), new TokenLogprob("lo", -1.5) }));
    }

    [TestCase("")]
    [TestCase(",\"logprobs\":null")]
    [TestCase(",\"logprobs\":{\"content\":null}")]
    public async Task GetResponseAsync_LogprobsAbsentOrNull_ReturnsNullLogprobs(string extraChoice)
    {
        using var http = new ChatCompletionsHttp();
        http.Expect(Url, Completion("""{"role":"assistant","content":"Hello"}""", extraChoice: extraChoice));

        var response = await CreateProvider(http.Client).GetResponseAsync(new ChatRequest("Hi") { IncludeLogprobs = true });

        Assert.That(response.Logprobs, Is.Null);
    }

    [Test]
    public async Task GetResponseAsync_XaiUsage_AddsReasoningToOutputOnce()
    {
        using var http = new ChatCompletionsHttp();
        // xAI: total 45 = prompt 20 + completion 5 + reasoning 20.
        http.Expect(Url, Completion("""{"role":"assistant","content":"x"}"""));

        var usage = (await CreateProvider(http.Client).GetResponseAsync(new ChatRequest("Hi"))).Usage;

        Assert.Multiple(() =>
        {
            Assert.That(usage.InputTokens, Is.EqualTo(20));
            Assert.That(usage.OutputTokens, Is.EqualTo(25));
            Assert.That(usage.ReasoningTokens, Is.EqualTo(20));
            Assert.That(usage.CacheReadTokens, Is.EqualTo(8));
            Assert.That(usage.TotalTokens, Is.EqualTo(45));
        });
    }

    [Test]
    public async Task GetResponseAsync_OpenAIUsage_KeepsCompletionAsOutput()
    {
        using var http = new ChatCompletionsHttp();
        // OpenAI: total 45 = prompt 20 + completion 25, and completion already includes the 20 reasoning tokens.
        const string usage = """
            {"prompt_tokens":20,"completion_tokens":25,"total_tokens":45,"completion_tokens_details":{"reasoning_tokens":20}}
            """;
        http.Expect(Url, Completion("""{"role":"assistant","content":"x"}""", usage: usage));

        var result = (await CreateProvider(http.Client).GetResponseAsync(new ChatRequest("Hi"))).Usage;

        Assert.That(result.OutputTokens, Is.EqualTo(25));
        Assert.That(result.ReasoningTokens, Is.EqualTo(20));
        Assert.That(result.CacheReadTokens, Is.Zero);
    }

    [Test]
    public async Task GetResponseAsync_UsageWithoutTotal_FallsBackToXaiRule()
    {
        using var http = new ChatCompletionsHttp();
        const string usage = """{"prompt_tokens":20,"completion_tokens":5,"completion_tokens_details":{"reasoning_tokens":20}}""";
        http.Expect(Url, Completion("""{"role":"assistant","content":"x"}""", usage: usage));

        var result = (await CreateProvider(http.Client).GetResponseAsync(new ChatRequest("Hi"))).Usage;

        Assert.That(result.OutputTokens, Is.EqualTo(25));
    }

    [Test]
    public async Task GetStreamingResponseAsync_ReasoningThenText_YieldsDeltasAndFinalUpdate()
    {
        using var http = new ChatCompletionsHttp();
        http.ExpectStream(Url, Sse(
            Chunk("""{"role":"assistant","reasoning_content":"The user"}"""),
            Chunk("""{"reasoning_content":" wants a prime."}"""),
            Chunk("""{"content":"7"}"""),
            Chunk("""{"content":" is prime."}"""),
            Chunk("{}", "stop"),
            UsageChunk(),
            "[DONE]"));

        var updates = await CollectAsync(CreateProvider(http.Client).GetStreamingResponseAsync(new ChatRequest("Hi")));

        var final = updates[^1];
        Assert.Multiple(() =>
        {
            Assert.That(string.Concat(updates.Select(u => u.ReasoningText)), Is.EqualTo("The user wants a prime."));
            Assert.That(string.Concat(updates.Select(u => u.Text)), Is.EqualTo("7 is prime."));
            Assert.That(updates.Count(u => u.IsFinal), Is.EqualTo(1));
            Assert.That(updates.Take(4).All(u => u.Logprobs is null && u.ProviderName == "grok"), Is.True);
            Assert.That(final.IsFinal, Is.True);
            Assert.That(final.FinishReason, Is.EqualTo(ChatFinishReason.Stop));
            Assert.That(final.RawFinishReason, Is.EqualTo("stop"));
            Assert.That(final.ModelId, Is.EqualTo("grok-3-mini"));
            Assert.That(final.ResponseId, Is.EqualTo("resp-2"));
            Assert.That(final.Usage!.OutputTokens, Is.EqualTo(25));
            Assert.That(final.Usage.InputTokens, Is.EqualTo(20));
            Assert.That(final.Usage.CacheReadTokens, Is.EqualTo(8));
        });
    }

    [Test]
    public async Task GetStreamingResponseAsync_FragmentedToolCallDeltas_AccumulateIntoOneCallBeforeTheFinalUpdate()
    {
        using var http = new ChatCompletionsHttp();
        http.ExpectStream(Url, Sse(
            Chunk("""{"role":"assistant","tool_calls":[{"id":"call_1","function":{"name":"weather","arguments":"{\"lat\":"},"index":0,"type":"function"}]}"""),
            Chunk("""{"tool_calls":[{"index":0,"function":{"arguments":"1}"}}]}"""),
            Chunk("{}", "tool_calls"),
            "[DONE]"));

        var updates = await CollectAsync(CreateProvider(http.Client).GetStreamingResponseAsync(new ChatRequest("Hi")));

        Assert.That(updates, Has.Count.EqualTo(2));
        var call = updates[0].ToolCalls!.Single();
        Assert.Multiple(() =>
        {
            Assert.That((call.Id, call.Name, call.ArgumentsJson), Is.EqualTo(("call_1", "weather", """{"lat":1}""")));
            Assert.That(updates[0].IsFinal, Is.False);
            Assert.That(updates[1].IsFinal, Is.True);
            Assert.That(updates[1].FinishReason, Is.EqualTo(ChatFinishReason.ToolCalls));
            Assert.That(updates[1].Usage, Is.Null, "no usage chunk was sent");
        });
    }

    [Test]
    public async Task GetStreamingResponseAsync_RunningUsageOnEveryChunk_KeepsTheLast()
    {
        using var http = new ChatCompletionsHttp();
        const string early = """{"prompt_tokens":20,"completion_tokens":1,"total_tokens":21}""";
        http.ExpectStream(Url, Sse(
            Chunk("""{"content":"a"}""")[..^1] + ",\"usage\":" + early + "}",
            Chunk("""{"content":"b"}""", "length")[..^1] + ",\"usage\":" + Usage.ReplaceLineEndings(" ") + "}",
            "[DONE]"));

        var updates = await CollectAsync(CreateProvider(http.Client).GetStreamingResponseAsync(new ChatRequest("Hi")));

        Assert.That(updates[^1].Usage!.OutputTokens, Is.EqualTo(25));
        Assert.That(updates[^1].FinishReason, Is.EqualTo(ChatFinishReason.Length));
    }

    [Test]
    public async Task GetStreamingResponseAsync_Logprobs_ArePerUpdateAndAbsentWhenNotSent()
    {
        using var http = new ChatCompletionsHttp();
        http.ExpectStream(Url, Sse(
            Chunk("""{"content":"Hel"}""", extraChoice: ""","logprobs":{"content":[{"token":"Hel","logprob":-0.5}]}"""),
            Chunk("""{"content":"lo"}""", extraChoice: ""","logprobs":null"""),
            Chunk("{}", "stop"),
            "[DONE]"));

        var updates = await CollectAsync(CreateProvider(http.Client).GetStreamingResponseAsync(new ChatRequest("Hi") { IncludeLogprobs = true }));

        Assert.That(updates[0].Logprobs, Is.EqualTo(new[] { new TokenLogprob("Hel", -0.5) }));
        Assert.That(updates[1].Logprobs, Is.Null);
    }

    [Test]
    public async Task GetStreamingResponseAsync_RefusalDelta_FinalReportsContentFilter()
    {
        using var http = new ChatCompletionsHttp();
        http.ExpectStream(Url, Sse(Chunk("""{"refusal":"No."}"""), Chunk("{}", "stop"), "[DONE]"));

        var updates = await CollectAsync(CreateProvider(http.Client).GetStreamingResponseAsync(new ChatRequest("Hi")));

        Assert.That(updates[0].Text, Is.EqualTo("No."));
        Assert.That(updates[^1].FinishReason, Is.EqualTo(ChatFinishReason.ContentFilter));
        Assert.That(updates[^1].RawFinishReason, Is.EqualTo("stop"));
    }

    [Test]
    public async Task GetStreamingResponseAsync_DataAfterDone_IsNotRead()
    {
        using var http = new ChatCompletionsHttp();
        http.ExpectStream(Url, Sse(Chunk("""{"content":"a"}"""), Chunk("{}", "stop"), "[DONE]", "not json"));

        var updates = await CollectAsync(CreateProvider(http.Client).GetStreamingResponseAsync(new ChatRequest("Hi")));

        Assert.That(updates, Has.Count.EqualTo(2));
    }
}
