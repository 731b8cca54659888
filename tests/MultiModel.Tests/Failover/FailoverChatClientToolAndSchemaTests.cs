using System.Net;
using System.Text.Json.Nodes;
using MultiModel.Failover;
using MultiModel.Tests.Providers.ChatCompletions;
using MultiModel.Tests.Providers.Claude;
using MultiModel.Tests.TestSupport;
using static MultiModel.Tests.Providers.Grok.GrokTestData;

namespace MultiModel.Tests.Failover;

/// <summary>Tool turns and structured output through a failover chain of the real Grok and Claude providers over MockHttp.</summary>
[Parallelizable(ParallelScope.All)]
public class FailoverChatClientToolAndSchemaTests
{
    private const string ClaudeValidPerson = """
        {"id":"msg_ok","type":"message","role":"assistant","model":"claude-haiku-4-5","content":[{"type":"text","text":"{\"name\":\"John\",\"age\":30}"}],
         "stop_reason":"end_turn","usage":{"input_tokens":181,"output_tokens":12}}
        """;

    [Test]
    public async Task GetResponseAsync_GrokAnswerViolatesTheSchema_ClaudesValidAnswerIsUsed()
    {
        using var grokHttp = new ChatCompletionsHttp();
        var grokSent = grokHttp.Expect(Url, Completion("""{"role":"assistant","content":"{\"name\":\"John\",\"age\":\"thirty\"}"}"""));
        using var claude = new ClaudeHarness();
        claude.Expect(HttpStatusCode.OK, ClaudeValidPerson);
        var chain = new FailoverChatClient([CreateProvider(grokHttp.Client), claude.Provider]);
        var request = new ChatRequest("Generate a person named John who is 30 years old") { ResponseFormat = ToolTestData.PersonFormat() };

        var response = await chain.GetResponseAsync(request);

        grokHttp.Handler.VerifyNoOutstandingExpectation();
        claude.Http.VerifyNoOutstandingExpectation();
        var grokOpinion = response.Attempts[0].Confidence!.Opinions.Single();
        Assert.Multiple(() =>
        {
            Assert.That(response.ProviderName, Is.EqualTo("claude"));
            Assert.That(response.Text, Is.EqualTo("""{"name":"John","age":30}"""));
            Assert.That(response.Attempts.Select(a => a.Outcome), Is.EqualTo(new[] { ChatAttemptOutcome.BelowThreshold, ChatAttemptOutcome.Succeeded }));
            Assert.That(grokOpinion.Value, Is.Zero);
            Assert.That(grokOpinion.Reason, Does.Contain("$.age: expected integer, got string"));
            Assert.That(JsonNode.Parse(grokSent.Body!)!["response_format"]!["json_schema"]!["name"]!.GetValue<string>(), Is.EqualTo("person"));
            Assert.That(JsonNode.Parse(claude.Requests.Single().Body)!["output_config"]!["format"]!["type"]!.GetValue<string>(), Is.EqualTo("json_schema"));
        });
    }

    [Test]
    public async Task GetStreamingResponseAsync_HeldGrokAnswerViolatesTheSchema_ClaudesValidStreamIsUsed()
    {
        using var grokHttp = new ChatCompletionsHttp();
        grokHttp.ExpectStream(Url, ChatCompletionsHttp.Sse(Chunk("""{"content":"{\"name\":\"John\"}"}"""), Chunk("{}", "stop"), "[DONE]"));
        using var claude = new ClaudeHarness();
        claude.ExpectSse("""
            event: message_start
            data: {"type":"message_start","message":{"id":"msg_s","model":"claude-haiku-4-5","content":[],"usage":{"input_tokens":9}}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"{\"name\":\"John\",\"age\":30}"}}

            event: message_delta
            data: {"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"output_tokens":12}}

            event: message_stop
            data: {"type":"message_stop"}


            """);
        var chain = new FailoverChatClient([CreateProvider(grokHttp.Client), claude.Provider], new FailoverChatClientOptions { HeadBufferLength = 1000 });
        var request = new ChatRequest("Generate John, 30") { ResponseFormat = ToolTestData.PersonFormat() };

        var updates = await Some.CollectAsync(chain.GetStreamingResponseAsync(request));

        Assert.Multiple(() =>
        {
            Assert.That(string.Concat(updates.Select(u => u.Text)), Is.EqualTo("""{"name":"John","age":30}"""));
            Assert.That(updates.All(u => u.ProviderName == "claude"), Is.True);
            Assert.That(updates[^1].Attempts!.Select(a => a.Outcome), Is.EqualTo(new[] { ChatAttemptOutcome.BelowThreshold, ChatAttemptOutcome.Succeeded }));
        });
    }

    [Test]
    public async Task GetResponseAsync_ConversationWithToolRoundTrip_EachProviderGetsItsOwnWireFormat()
    {
        using var grokHttp = new ChatCompletionsHttp();
        var grokSent = grokHttp.Expect(Url, """{"code":"Service unavailable","error":"The model is at capacity."}""", HttpStatusCode.ServiceUnavailable);
        using var claude = new ClaudeHarness();
        claude.Expect(HttpStatusCode.OK, """
            {"id":"msg_2","type":"message","model":"claude-haiku-4-5","content":[{"type":"text","text":"15 C and light wind."}],"stop_reason":"end_turn","usage":{"input_tokens":50,"output_tokens":8}}
            """);
        var chain = new FailoverChatClient([CreateProvider(grokHttp.Client), claude.Provider]);
        var request = ToolTestData.AfterToolRoundTrip();

        var response = await chain.GetResponseAsync(request);

        var grokMessages = JsonNode.Parse(grokSent.Body!)!["messages"]!.AsArray();
        var claudeBody = JsonNode.Parse(claude.Requests.Single().Body)!;
        var claudeMessages = claudeBody["messages"]!.AsArray();
        Assert.Multiple(() =>
        {
            Assert.That(response.Text, Is.EqualTo("15 C and light wind."));
            Assert.That(grokMessages[2]!["tool_calls"]![0]!["id"]!.GetValue<string>(), Is.EqualTo("call_20441690"));
            Assert.That(grokMessages[2]!["tool_calls"]![0]!["function"]!["arguments"]!.GetValue<string>(), Is.EqualTo(ToolTestData.BerlinArguments));
            Assert.That(grokMessages[3]!["role"]!.GetValue<string>(), Is.EqualTo("tool"));
            Assert.That(grokMessages[3]!["tool_call_id"]!.GetValue<string>(), Is.EqualTo("call_20441690"));
            Assert.That(JsonNode.Parse(grokSent.Body!)!["tools"]![0]!["function"]!["name"]!.GetValue<string>(), Is.EqualTo("weather"));
            Assert.That(claudeMessages[1]!["content"]![1]!["type"]!.GetValue<string>(), Is.EqualTo("tool_use"));
            Assert.That(claudeMessages[1]!["content"]![1]!["id"]!.GetValue<string>(), Is.EqualTo("call_20441690"));
            Assert.That(JsonNode.DeepEquals(claudeMessages[1]!["content"]![1]!["input"], JsonNode.Parse(ToolTestData.BerlinArguments)), Is.True);
            Assert.That(claudeMessages[2]!["content"]![0]!["tool_use_id"]!.GetValue<string>(), Is.EqualTo("call_20441690"));
            Assert.That(claudeBody["tools"]![0]!["name"]!.GetValue<string>(), Is.EqualTo("weather"));
        });
    }

    [Test]
    public async Task GetResponseAsync_AnswerWithOnlyToolCalls_IsAcceptedByTheDefaultPolicy()
    {
        using var grokHttp = new ChatCompletionsHttp();
        grokHttp.Expect(Url, Completion("""{"role":"assistant","content":"","tool_calls":[{"id":"call_1","type":"function","function":{"name":"weather","arguments":"{}"}}]}""", "tool_calls"));
        var second = TestChatProvider.Answering("second");
        var chain = new FailoverChatClient([CreateProvider(grokHttp.Client), second]);
        var request = new ChatRequest("Weather?") { ResponseFormat = ToolTestData.PersonFormat() };
        request.Tools.Add(ToolTestData.Weather());

        var response = await chain.GetResponseAsync(request);

        Assert.Multiple(() =>
        {
            Assert.That(response.ToolCalls.Single().Id, Is.EqualTo("call_1"));
            Assert.That(response.Confidence!.MeetsThreshold, Is.True);
            Assert.That(second.CallCount, Is.Zero);
        });
    }

    [Test]
    public void GetStreamingResponseAsync_ToolCallReleased_LaterFailureDoesNotFailOver()
    {
        var call = ChatToolCall.Parse("call_1", "weather", "{}");
        var first = new TestChatProvider("first")
        {
            GetStreamingResponseAsyncCallback = (_, ct) => Some.Stream([new ChatResponseUpdate { ProviderName = "first", ToolCalls = [call] }], Some.StreamError("first"), ct),
        };
        var second = TestChatProvider.Answering("second");
        var chain = new FailoverChatClient([first, second]);
        var received = new List<ChatResponseUpdate>();

        var ex = Assert.ThrowsAsync<ChatFailoverException>(() => Some.CollectAsync(chain.GetStreamingResponseAsync(Some.Request()), received));

        Assert.Multiple(() =>
        {
            Assert.That(ex!.Reason, Is.EqualTo(ChatFailoverReason.FailedAfterContent));
            Assert.That(received.Single().ToolCalls!.Single(), Is.SameAs(call));
            Assert.That(second.CallCount, Is.Zero);
        });
    }

    [Test]
    public async Task GetStreamingResponseAsync_ToolCallStream_FinalAnswerCarriesTheCallsForScoring()
    {
        var call = ChatToolCall.Parse("call_1", "weather", "{}");
        var first = new TestChatProvider("first")
        {
            GetStreamingResponseAsyncCallback = (_, ct) => Some.Stream(
                [new ChatResponseUpdate { ProviderName = "first", ToolCalls = [call] }, Some.Final("first", ChatFinishReason.ToolCalls)],
                cancellationToken: ct),
        };
        var chain = new FailoverChatClient([first, TestChatProvider.Answering("second")]);

        var updates = await Some.CollectAsync(chain.GetStreamingResponseAsync(Some.Request()));

        var final = updates[^1];
        Assert.Multiple(() =>
        {
            Assert.That(final.IsFinal, Is.True);
            Assert.That(final.IsBelowThreshold, Is.False, "an answer made only of tool calls is not empty");
            Assert.That(final.Confidence!.Opinions.Single().Reason, Is.EqualTo("tool calls"));
        });
    }
}
