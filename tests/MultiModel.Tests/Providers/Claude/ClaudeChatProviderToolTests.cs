using System.Net;
using MultiModel.Tests.TestSupport;

namespace MultiModel.Tests.Providers.Claude;

[Parallelizable(ParallelScope.All)]
public class ClaudeChatProviderToolTests
{
    private const string ToolUseAnswer = """
        {"id":"msg_1","type":"message","role":"assistant","model":"claude-haiku-4-5","content":[
          {"type":"text","text":"Let me check both."},
          {"type":"tool_use","id":"toolu_A","name":"weather","input":{"latitude":"52.5200","longitude":"13.4050"},"caller":{"type":"direct"}},
          {"type":"tool_use","id":"toolu_B","name":"best_language_to_learn","input":{}}],
         "stop_reason":"tool_use","usage":{"input_tokens":10,"output_tokens":20}}
        """;

    [Test]
    public async Task GetResponseAsync_ToolsChoiceAndSchema_AreWrittenInClaudeShape()
    {
        using var harness = new ClaudeHarness();
        harness.Expect(HttpStatusCode.OK, ToolUseAnswer);
        var request = new ChatRequest("Weather in Berlin?") { ToolChoice = ChatToolChoice.Specific("weather"), ResponseFormat = ToolTestData.PersonFormat() };
        request.Tools.Add(ToolTestData.Weather());
        request.Tools.Add(ToolTestData.BestLanguage());

        await harness.Provider.GetResponseAsync(request);

        ClaudeHarness.AssertJsonEquals(harness.Requests.Single().Body, """
            {"model":"claude-sonnet-4-5","max_tokens":4096,
             "messages":[{"role":"user","content":"Weather in Berlin?"}],
             "tools":[
               {"name":"weather","description":"Gets the current weather at a position.","input_schema":WEATHER_SCHEMA},
               {"name":"best_language_to_learn","input_schema":{"type":"object","properties":{}}}],
             "tool_choice":{"type":"tool","name":"weather"},
             "output_config":{"format":{"type":"json_schema","schema":PERSON_SCHEMA}}}
            """.Replace("WEATHER_SCHEMA", ToolTestData.WeatherSchemaJson, StringComparison.Ordinal).Replace("PERSON_SCHEMA", ToolTestData.PersonSchemaJson, StringComparison.Ordinal));
    }

    [TestCase(ChatToolChoiceKind.Auto, """{"type":"auto"}""")]
    [TestCase(ChatToolChoiceKind.None, """{"type":"none"}""")]
    [TestCase(ChatToolChoiceKind.Required, """{"type":"any"}""")]
    public async Task GetResponseAsync_ToolChoice_MapsToClaudeType(ChatToolChoiceKind kind, string expected)
    {
        using var harness = new ClaudeHarness();
        harness.Expect(HttpStatusCode.OK, ToolUseAnswer);
        var request = new ChatRequest("hi")
        {
            ToolChoice = kind switch { ChatToolChoiceKind.Auto => ChatToolChoice.Auto, ChatToolChoiceKind.None => ChatToolChoice.None, _ => ChatToolChoice.Required },
        };
        request.Tools.Add(ToolTestData.Weather());

        await harness.Provider.GetResponseAsync(request);

        var body = System.Text.Json.Nodes.JsonNode.Parse(harness.Requests.Single().Body)!;
        ClaudeHarness.AssertJsonEquals(body["tool_choice"]!.ToJsonString(), expected);
    }

    [Test]
    public async Task GetResponseAsync_ConversationWithToolRoundTrip_WritesToolUseAndToolResultBlocks()
    {
        using var harness = new ClaudeHarness();
        harness.Expect(HttpStatusCode.OK, ToolUseAnswer);
        var request = ToolTestData.AfterToolRoundTrip("call:1/x");
        request.Messages.Add(ChatMessage.FromUser("And tomorrow?"));

        await harness.Provider.GetResponseAsync(request);

        ClaudeHarness.AssertJsonEquals(harness.Requests.Single().Body, $$"""
            {"model":"claude-sonnet-4-5","max_tokens":4096,"system":"You are terse.",
             "messages":[
               {"role":"user","content":"Weather in Berlin?"},
               {"role":"assistant","content":[
                 {"type":"text","text":"Let me check."},
                 {"type":"tool_use","id":"call_1_x","name":"weather","input":{{ToolTestData.BerlinArguments}}}]},
               {"role":"user","content":[
                 {"type":"tool_result","tool_use_id":"call_1_x","content":"15 C, wind 10 km/h"},
                 {"type":"text","text":"And tomorrow?"}]}],
             "tools":[{"name":"weather","description":"Gets the current weather at a position.","input_schema":{{ToolTestData.WeatherSchemaJson}}}]}
            """);
    }

    [Test]
    public async Task GetResponseAsync_FailedToolResults_SetIsErrorAndShareOneUserTurn()
    {
        using var harness = new ClaudeHarness();
        harness.Expect(HttpStatusCode.OK, ToolUseAnswer);
        var request = new ChatRequest([
            ChatMessage.FromUser("hi"),
            ChatMessage.FromToolCalls([ChatToolCall.Parse("toolu_A", "weather", "{}"), ChatToolCall.Parse("toolu_B", "weather", "{}")]),
            ChatMessage.FromToolResult("toolu_A", "timeout", isError: true),
            ChatMessage.FromToolResult("toolu_B", "sunny"),
        ]);

        await harness.Provider.GetResponseAsync(request);

        var messages = System.Text.Json.Nodes.JsonNode.Parse(harness.Requests.Single().Body)!["messages"]!;
        ClaudeHarness.AssertJsonEquals(messages.ToJsonString(), """
            [{"role":"user","content":"hi"},
             {"role":"assistant","content":[{"type":"tool_use","id":"toolu_A","name":"weather","input":{}},{"type":"tool_use","id":"toolu_B","name":"weather","input":{}}]},
             {"role":"user","content":[
               {"type":"tool_result","tool_use_id":"toolu_A","content":"timeout","is_error":true},
               {"type":"tool_result","tool_use_id":"toolu_B","content":"sunny"}]}]
            """);
    }

    [Test]
    public async Task GetResponseAsync_ParallelToolUseBlocks_BecomeToolCallsInOrder()
    {
        using var harness = new ClaudeHarness();
        harness.Expect(HttpStatusCode.OK, ToolUseAnswer);

        var response = await harness.Provider.GetResponseAsync(new ChatRequest("hi"));

        Assert.Multiple(() =>
        {
            Assert.That(response.Text, Is.EqualTo("Let me check both."));
            Assert.That(response.FinishReason, Is.EqualTo(ChatFinishReason.ToolCalls));
            Assert.That(response.ToolCalls.Select(c => (c.Id, c.Name, c.ArgumentsJson)), Is.EqualTo(new[]
            {
                ("toolu_A", "weather", ToolTestData.BerlinArguments),
                ("toolu_B", "best_language_to_learn", "{}"),
            }));
        });
    }

    [TestCase("""{"type":"tool_use","name":"weather","input":{}}""", TestName = "GetResponseAsync_ToolUseWithoutId_IsMalformed")]
    [TestCase("""{"type":"tool_use","id":"toolu_1","name":"weather","input":[1]}""", TestName = "GetResponseAsync_ToolUseInputNotAnObject_IsMalformed")]
    public void GetResponseAsync_BrokenToolUse_ThrowsMalformed(string block)
    {
        using var harness = new ClaudeHarness();
        harness.Expect(HttpStatusCode.OK, $$"""{"id":"msg_1","type":"message","content":[{{block}}],"stop_reason":"tool_use"}""");

        var ex = Assert.ThrowsAsync<ChatProviderException>(() => harness.Provider.GetResponseAsync(new ChatRequest("hi")));

        Assert.That(ex!.Kind, Is.EqualTo(ChatProviderErrorKind.MalformedResponse));
    }

    [Test]
    public async Task GetStreamingResponseAsync_TextThenParallelToolUse_AccumulatesEachCallAtItsBlockStop()
    {
        using var harness = new ClaudeHarness();
        harness.ExpectSse("""
            event: message_start
            data: {"type":"message_start","message":{"id":"msg_S","model":"claude-sonnet-4","content":[],"usage":{"input_tokens":5,"output_tokens":1}}}

            event: content_block_start
            data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Adding."}}

            event: content_block_stop
            data: {"type":"content_block_stop","index":0}

            event: content_block_start
            data: {"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"toolu_add","name":"add","input":{}}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":""}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\"a\": 2"}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":", \"b\": 3}"}}

            event: content_block_stop
            data: {"type":"content_block_stop","index":1}

            event: content_block_start
            data: {"type":"content_block_start","index":2,"content_block":{"type":"tool_use","id":"toolu_none","name":"best_language_to_learn","input":{}}}

            event: content_block_stop
            data: {"type":"content_block_stop","index":2}

            event: message_delta
            data: {"type":"message_delta","delta":{"stop_reason":"tool_use"},"usage":{"output_tokens":40}}

            event: message_stop
            data: {"type":"message_stop"}


            """);

        var updates = await ClaudeHarness.CollectAsync(harness.Provider.GetStreamingResponseAsync(new ChatRequest("hi")));

        var calls = updates.Where(u => u.ToolCalls is not null).Select(u => u.ToolCalls!.Single()).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(updates.Select(u => u.Text), Is.EqualTo(new[] { "Adding.", null, null, null }));
            Assert.That(calls.Select(c => (c.Id, c.Name, c.ArgumentsJson)), Is.EqualTo(new[]
            {
                ("toolu_add", "add", """{"a": 2, "b": 3}"""),
                ("toolu_none", "best_language_to_learn", "{}"),
            }));
            Assert.That(updates[^1].IsFinal, Is.True);
            Assert.That(updates[^1].FinishReason, Is.EqualTo(ChatFinishReason.ToolCalls));
            Assert.That(updates[^1].ToolCalls, Is.Null);
        });
    }

    [Test]
    public void GetStreamingResponseAsync_ToolInputFragmentsNotJson_ThrowsMalformed()
    {
        using var harness = new ClaudeHarness();
        harness.ExpectSse("""
            event: message_start
            data: {"type":"message_start","message":{"id":"msg_S","model":"m","content":[],"usage":{"input_tokens":5}}}

            event: content_block_start
            data: {"type":"content_block_start","index":0,"content_block":{"type":"tool_use","id":"toolu_1","name":"add","input":{}}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"{\"a\": "}}

            event: content_block_stop
            data: {"type":"content_block_stop","index":0}


            """);

        var ex = Assert.ThrowsAsync<ChatProviderException>(() => ClaudeHarness.CollectAsync(harness.Provider.GetStreamingResponseAsync(new ChatRequest("hi"))));

        Assert.That(ex!.Kind, Is.EqualTo(ChatProviderErrorKind.MalformedResponse));
    }
}
