using System.Text.Json.Nodes;
using MultiModel.Tests.Providers.ChatCompletions;
using MultiModel.Tests.TestSupport;
using static MultiModel.Tests.Providers.ChatCompletions.ChatCompletionsHttp;
using static MultiModel.Tests.Providers.Grok.GrokTestData;

namespace MultiModel.Tests.Providers.Grok;

[Parallelizable(ParallelScope.All)]
public class GrokChatProviderToolTests
{
    private static readonly string ToolCallsBody = Completion("""
        {"role":"assistant","content":"","tool_calls":[
          {"id":"call_1","function":{"name":"weather","arguments":"{\"latitude\":\"52.5200\",\"longitude\":\"13.4050\"}"},"type":"function"},
          {"id":"call_2","function":{"name":"best_language_to_learn","arguments":"{}"},"type":"function"}],"refusal":null}
        """, "tool_calls");

    [Test]
    public async Task GetResponseAsync_ToolsChoiceAndSchema_AreWrittenInChatCompletionsShape()
    {
        using var http = new ChatCompletionsHttp();
        var sent = http.Expect(Url, ToolCallsBody);
        var request = new ChatRequest("Weather in Berlin?") { ToolChoice = ChatToolChoice.Specific("weather"), ResponseFormat = ToolTestData.PersonFormat() };
        request.Tools.Add(ToolTestData.Weather());
        request.Tools.Add(ToolTestData.BestLanguage());

        await CreateProvider(http.Client).GetResponseAsync(request);

        http.Handler.VerifyNoOutstandingExpectation();
        AssertJsonEqual(sent.Body, """
            {"model":"grok-4","messages":[{"role":"user","content":"Weather in Berlin?"}],
             "tools":[
               {"type":"function","function":{"name":"weather","description":"Gets the current weather at a position.","parameters":WEATHER_SCHEMA}},
               {"type":"function","function":{"name":"best_language_to_learn","parameters":{"type":"object","properties":{}}}}],
             "tool_choice":{"type":"function","function":{"name":"weather"}},
             "response_format":{"type":"json_schema","json_schema":{"name":"person","schema":PERSON_SCHEMA,"strict":true}}}
            """.Replace("WEATHER_SCHEMA", ToolTestData.WeatherSchemaJson, StringComparison.Ordinal).Replace("PERSON_SCHEMA", ToolTestData.PersonSchemaJson, StringComparison.Ordinal));
    }

    [TestCase(ChatToolChoiceKind.Auto, "\"auto\"")]
    [TestCase(ChatToolChoiceKind.None, "\"none\"")]
    [TestCase(ChatToolChoiceKind.Required, "\"required\"")]
    public async Task GetResponseAsync_ToolChoice_MapsToChatCompletionsString(ChatToolChoiceKind kind, string expected)
    {
        using var http = new ChatCompletionsHttp();
        var sent = http.Expect(Url, ToolCallsBody);
        var request = new ChatRequest("hi")
        {
            ToolChoice = kind switch { ChatToolChoiceKind.Auto => ChatToolChoice.Auto, ChatToolChoiceKind.None => ChatToolChoice.None, _ => ChatToolChoice.Required },
        };
        request.Tools.Add(ToolTestData.Weather());

        await CreateProvider(http.Client).GetResponseAsync(request);

        Assert.That(JsonNode.Parse(sent.Body!)!["tool_choice"]!.ToJsonString(), Is.EqualTo(expected));
    }

    [Test]
    public async Task GetResponseAsync_ConversationWithToolRoundTrip_WritesAssistantToolCallsAndToolMessages()
    {
        using var http = new ChatCompletionsHttp();
        var sent = http.Expect(Url, ToolCallsBody);
        var request = ToolTestData.AfterToolRoundTrip("toolu_01Ay5");
        request.Messages.Add(ChatMessage.FromToolCalls([ChatToolCall.Parse("toolu_02", "weather", "{}")]));
        request.Messages.Add(ChatMessage.FromToolResult("toolu_02", "no data", isError: true));

        await CreateProvider(http.Client).GetResponseAsync(request);

        var messages = JsonNode.Parse(sent.Body!)!["messages"]!;
        AssertJsonEqual(messages.ToJsonString(), """
            [{"role":"system","content":"You are terse."},
             {"role":"user","content":"Weather in Berlin?"},
             {"role":"assistant","content":"Let me check.","tool_calls":[
               {"id":"toolu_01Ay5","type":"function","function":{"name":"weather","arguments":"{\"latitude\":\"52.5200\",\"longitude\":\"13.4050\"}"}}]},
             {"role":"tool","content":"15 C, wind 10 km/h","tool_call_id":"toolu_01Ay5"},
             {"role":"assistant","tool_calls":[{"id":"toolu_02","type":"function","function":{"name":"weather","arguments":"{}"}}]},
             {"role":"tool","content":"Error: no data","tool_call_id":"toolu_02"}]
            """);
    }

    [Test]
    public async Task GetResponseAsync_ParallelToolCalls_AreParsedInOrderWithEmptyText()
    {
        using var http = new ChatCompletionsHttp();
        http.Expect(Url, ToolCallsBody);

        var response = await CreateProvider(http.Client).GetResponseAsync(new ChatRequest("hi"));

        Assert.Multiple(() =>
        {
            Assert.That(response.Text, Is.Empty);
            Assert.That(response.FinishReason, Is.EqualTo(ChatFinishReason.ToolCalls));
            Assert.That(response.ToolCalls.Select(c => (c.Id, c.Name, c.ArgumentsJson)), Is.EqualTo(new[]
            {
                ("call_1", "weather", ToolTestData.BerlinArguments),
                ("call_2", "best_language_to_learn", "{}"),
            }));
        });
    }

    [TestCase("""{"id":"call_1","type":"function","function":{"name":"weather","arguments":"{\"lat\":"}}""", TestName = "GetResponseAsync_ToolArgumentsNotJson_IsMalformed")]
    [TestCase("""{"id":"call_1","type":"function","function":{"arguments":"{}"}}""", TestName = "GetResponseAsync_ToolCallWithoutName_IsMalformed")]
    public void GetResponseAsync_BrokenToolCall_ThrowsMalformed(string call)
    {
        using var http = new ChatCompletionsHttp();
        http.Expect(Url, Completion($$"""{"role":"assistant","content":"","tool_calls":[{{call}}]}""", "tool_calls"));

        var ex = Assert.ThrowsAsync<ChatProviderException>(() => CreateProvider(http.Client).GetResponseAsync(new ChatRequest("hi")));

        Assert.That(ex!.Kind, Is.EqualTo(ChatProviderErrorKind.MalformedResponse));
    }

    [Test]
    public async Task GetStreamingResponseAsync_WholeParallelCallsAsXaiSendsThem_AreReportedOnceBeforeTheFinalUpdate()
    {
        using var http = new ChatCompletionsHttp();
        http.ExpectStream(Url, Sse(
            Chunk("""{"role":"assistant","tool_calls":[{"id":"call_a","function":{"name":"add","arguments":"{\"a\":2,\"b\":3}"},"index":0,"type":"function"}]}"""),
            Chunk("""{"tool_calls":[{"id":"call_m","function":{"name":"multiply","arguments":"{\"a\":2,\"b\":3}"},"index":1,"type":"function"}]}"""),
            Chunk("{}", "tool_calls"),
            UsageChunk(),
            "[DONE]"));

        var updates = await CollectAsync(CreateProvider(http.Client).GetStreamingResponseAsync(new ChatRequest("hi")));

        Assert.Multiple(() =>
        {
            Assert.That(updates, Has.Count.EqualTo(2));
            Assert.That(updates[0].ToolCalls!.Select(c => (c.Id, c.Name, c.ArgumentsJson)), Is.EqualTo(new[]
            {
                ("call_a", "add", """{"a":2,"b":3}"""),
                ("call_m", "multiply", """{"a":2,"b":3}"""),
            }));
            Assert.That(updates[1].IsFinal, Is.True);
            Assert.That(updates[1].FinishReason, Is.EqualTo(ChatFinishReason.ToolCalls));
            Assert.That(updates[1].Usage!.InputTokens, Is.EqualTo(20));
        });
    }

    [Test]
    public async Task GetStreamingResponseAsync_InterleavedFragmentsOfTwoCalls_AreAppendedByIndex()
    {
        using var http = new ChatCompletionsHttp();
        http.ExpectStream(Url, Sse(
            Chunk("""{"content":"Working."}"""),
            Chunk("""{"tool_calls":[{"index":0,"id":"call_x","type":"function","function":{"name":"add","arguments":""}}]}"""),
            Chunk("""{"tool_calls":[{"index":1,"id":"call_y","type":"function","function":{"name":"multiply","arguments":"{\"a\""}}]}"""),
            Chunk("""{"tool_calls":[{"index":0,"function":{"arguments":"{\"a\":1,"}}]}"""),
            Chunk("""{"tool_calls":[{"index":1,"function":{"arguments":":4}"}},{"index":0,"function":{"arguments":"\"b\":2}"}}]}"""),
            "[DONE]"));

        var updates = await CollectAsync(CreateProvider(http.Client).GetStreamingResponseAsync(new ChatRequest("hi")));

        Assert.Multiple(() =>
        {
            Assert.That(updates.Select(u => u.Text), Is.EqualTo(new[] { "Working.", null, null }));
            Assert.That(updates[1].ToolCalls!.Select(c => (c.Id, c.Name, c.ArgumentsJson)), Is.EqualTo(new[]
            {
                ("call_x", "add", """{"a":1,"b":2}"""),
                ("call_y", "multiply", """{"a":4}"""),
            }));
            Assert.That(updates[2].IsFinal, Is.True);
        });
    }

    [Test]
    public void GetStreamingResponseAsync_StreamedArgumentsNotJson_ThrowsMalformed()
    {
        using var http = new ChatCompletionsHttp();
        http.ExpectStream(Url, Sse(
            Chunk("""{"tool_calls":[{"index":0,"id":"call_x","type":"function","function":{"name":"add","arguments":"{\"a\":"}}]}"""),
            Chunk("{}", "tool_calls"),
            "[DONE]"));

        var ex = Assert.ThrowsAsync<ChatProviderException>(() => CollectAsync(CreateProvider(http.Client).GetStreamingResponseAsync(new ChatRequest("hi"))));

        Assert.That(ex!.Kind, Is.EqualTo(ChatProviderErrorKind.MalformedResponse));
    }
}
