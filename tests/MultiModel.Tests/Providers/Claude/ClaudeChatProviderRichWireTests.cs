using System.Net;
using System.Text.Json;
using MultiModel.Tests.TestSupport;

namespace MultiModel.Tests.Providers.Claude;

/// <summary>The exact JSON Claude is sent for images, documents, cache breakpoints, thinking and reasoning blocks.</summary>
[Parallelizable(ParallelScope.All)]
public class ClaudeChatProviderRichWireTests
{
    private const string Answer = """
        {"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929",
         "content":[{"type":"text","text":"Seen."}],"stop_reason":"end_turn","usage":{"input_tokens":90,"output_tokens":2}}
        """;

    [Test]
    public async Task GetResponseAsync_ImageBytesAndAddress_ImageBlocksBeforeTheText()
    {
        using var harness = new ClaudeHarness();
        harness.Expect(HttpStatusCode.OK, Answer);
        var request = new ChatRequest([ChatMessage.FromUser(
            "Which channel spikes first?",
            TestMedia.PlotImage(),
            ChatContentPart.FromImage(new Uri("https://telemetry.example/plots/pass-42.png")))]);

        await harness.Provider.GetResponseAsync(request);

        ClaudeHarness.AssertJsonEquals(harness.Requests.Single().Body, $$$"""
            {"model":"claude-sonnet-4-5","max_tokens":4096,"messages":[{"role":"user","content":[
              {"type":"image","source":{"type":"base64","media_type":"image/png","data":"{{{Convert.ToBase64String(TestMedia.PlotPng)}}}"}},
              {"type":"image","source":{"type":"url","url":"https://telemetry.example/plots/pass-42.png"}},
              {"type":"text","text":"Which channel spikes first?"}]}]}
            """);
    }

    [Test]
    public async Task GetResponseAsync_Documents_DocumentBlocksWithSourcesAndTitles()
    {
        using var harness = new ClaudeHarness();
        harness.Expect(HttpStatusCode.OK, Answer);
        var request = new ChatRequest([ChatMessage.FromUser(
            ChatContentPart.FromPdf(TestMedia.ProcedurePdf, "Battery procedure"),
            ChatContentPart.FromPdf(new Uri("https://docs.example/manual.pdf")),
            ChatContentPart.FromTextDocument("06:00 EPS bus_voltage=28.1", "Pass 42 log"),
            ChatContentPart.FromText("What does the procedure say about this log?"))]);

        await harness.Provider.GetResponseAsync(request);

        ClaudeHarness.AssertJsonEquals(harness.Requests.Single().Body, $$$"""
            {"model":"claude-sonnet-4-5","max_tokens":4096,"messages":[{"role":"user","content":[
              {"type":"document","source":{"type":"base64","media_type":"application/pdf","data":"{{{Convert.ToBase64String(TestMedia.ProcedurePdf)}}}"},"title":"Battery procedure"},
              {"type":"document","source":{"type":"url","url":"https://docs.example/manual.pdf"}},
              {"type":"document","source":{"type":"text","media_type":"text/plain","data":"06:00 EPS bus_voltage=28.1"},"title":"Pass 42 log"},
              {"type":"text","text":"What does the procedure say about this log?"}]}]}
            """);
    }

    [Test]
    public async Task GetResponseAsync_CacheBreakpoints_OnToolsSystemAndMessagesLastBlocks()
    {
        using var harness = new ClaudeHarness();
        harness.Expect(HttpStatusCode.OK, Answer);
        using var schema = JsonDocument.Parse("""{"type":"object"}""");
        var request = new ChatRequest(
        [
            ChatMessage.FromSystem("You analyse telemetry.").WithCacheBreakpoint(),
            ChatMessage.FromUser("Manual:", ChatContentPart.FromTextDocument("1. Isolate battery B.")).WithCacheBreakpoint(),
            ChatMessage.FromAssistant("Read it.").WithCacheBreakpoint(),
            ChatMessage.FromUser("Is battery B too warm?"),
        ])
        { CacheTools = true };
        request.Tools.Add(new ChatToolDefinition("read_sensor", null, schema.RootElement));
        request.Tools.Add(new ChatToolDefinition("read_log", null, schema.RootElement));

        await harness.Provider.GetResponseAsync(request);

        ClaudeHarness.AssertJsonEquals(harness.Requests.Single().Body, """
            {"model":"claude-sonnet-4-5","max_tokens":4096,
             "system":[{"type":"text","text":"You analyse telemetry.","cache_control":{"type":"ephemeral"}}],
             "messages":[
               {"role":"user","content":[
                 {"type":"document","source":{"type":"text","media_type":"text/plain","data":"1. Isolate battery B."}},
                 {"type":"text","text":"Manual:","cache_control":{"type":"ephemeral"}}]},
               {"role":"assistant","content":[{"type":"text","text":"Read it.","cache_control":{"type":"ephemeral"}}]},
               {"role":"user","content":"Is battery B too warm?"}],
             "tools":[{"name":"read_sensor","input_schema":{"type":"object"}},
                      {"name":"read_log","input_schema":{"type":"object"},"cache_control":{"type":"ephemeral"}}]}
            """);
    }

    [Test]
    public async Task GetResponseAsync_CacheBreakpointOnToolResultAndFollowingText_OnTheTurnsLastBlock()
    {
        using var harness = new ClaudeHarness();
        harness.Expect(HttpStatusCode.OK, Answer);
        var call = ChatToolCall.Parse("toolu_1", "read_sensor", "{}");
        var request = new ChatRequest(
        [
            ChatMessage.FromUser("Read it."),
            ChatMessage.FromToolCalls([call]),
            ChatMessage.FromToolResult("toolu_1", "29.3").WithCacheBreakpoint(),
            ChatMessage.FromUser("Thanks.").WithCacheBreakpoint(),
        ]);

        await harness.Provider.GetResponseAsync(request);

        ClaudeHarness.AssertJsonEquals(harness.Requests.Single().Body, """
            {"model":"claude-sonnet-4-5","max_tokens":4096,"messages":[
              {"role":"user","content":"Read it."},
              {"role":"assistant","content":[{"type":"tool_use","id":"toolu_1","name":"read_sensor","input":{}}]},
              {"role":"user","content":[
                {"type":"tool_result","tool_use_id":"toolu_1","content":"29.3","cache_control":{"type":"ephemeral"}},
                {"type":"text","text":"Thanks.","cache_control":{"type":"ephemeral"}}]}]}
            """);
    }

    [Test]
    public async Task GetResponseAsync_ReasoningEffort_ThinkingBudgetAddedToTheDefaultMaxTokens()
    {
        using var harness = new ClaudeHarness();
        harness.Expect(HttpStatusCode.OK, Answer);

        await harness.Provider.GetResponseAsync(new ChatRequest("Why did the bus voltage drop?") { Reasoning = new ChatReasoningOptions { Effort = ChatReasoningEffort.Medium } });

        ClaudeHarness.AssertJsonEquals(harness.Requests.Single().Body, """
            {"model":"claude-sonnet-4-5","max_tokens":8192,"messages":[{"role":"user","content":"Why did the bus voltage drop?"}],
             "thinking":{"type":"enabled","budget_tokens":4096}}
            """);
    }

    [Test]
    public async Task GetResponseAsync_ReasoningBudgetWithMaxOutput_BothAsGiven()
    {
        using var harness = new ClaudeHarness();
        harness.Expect(HttpStatusCode.OK, Answer);

        await harness.Provider.GetResponseAsync(new ChatRequest("Why?") { MaxOutputTokens = 12000, Reasoning = new ChatReasoningOptions { BudgetTokens = 10000 } });

        ClaudeHarness.AssertJsonEquals(harness.Requests.Single().Body, """
            {"model":"claude-sonnet-4-5","max_tokens":12000,"messages":[{"role":"user","content":"Why?"}],"thinking":{"type":"enabled","budget_tokens":10000}}
            """);
    }

    [Test]
    public async Task GetResponseAsync_HighEffortOnHaiku45_MaxTokensCappedAtTheModelsLimit()
    {
        using var harness = new ClaudeHarness(o => { o.Model = "claude-haiku-4-5"; o.MaxOutputTokens = 60000; });
        harness.Expect(HttpStatusCode.OK, Answer);

        await harness.Provider.GetResponseAsync(new ChatRequest("Why?") { Reasoning = new ChatReasoningOptions { Effort = ChatReasoningEffort.High } });

        using var sent = JsonDocument.Parse(harness.Requests.Single().Body);
        Assert.That(sent.RootElement.GetProperty("max_tokens").GetInt32(), Is.EqualTo(64000), "60,000 + 16,384 is over Haiku 4.5's 64,000");
    }

    [Test]
    public async Task GetResponseAsync_AnswerWithThinkingSentBack_ThinkingAndRedactedBlocksUnchangedBeforeToolUse()
    {
        using var harness = new ClaudeHarness();
        harness.Expect(HttpStatusCode.OK, """
            {"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-5",
             "content":[{"type":"thinking","thinking":"I should read the sensor.","signature":"EqQBCgIYAhIM"},
                        {"type":"redacted_thinking","data":"EmwKAhgBEgy3"},
                        {"type":"tool_use","id":"toolu_1","name":"read_sensor","input":{"channel":"battery_b_temp"}}],
             "stop_reason":"tool_use","usage":{"input_tokens":90,"output_tokens":60}}
            """);
        harness.Expect(HttpStatusCode.OK, Answer);
        var request = new ChatRequest("Is battery B too warm?") { Reasoning = new ChatReasoningOptions { Effort = ChatReasoningEffort.Low } };
        request.Tools.Add(new ChatToolDefinition("read_sensor", null, JsonDocument.Parse("""{"type":"object"}""").RootElement));

        var first = await harness.Provider.GetResponseAsync(request);
        request.Messages.Add(first.ToAssistantMessage());
        request.Messages.Add(ChatMessage.FromToolResult("toolu_1", "29.3"));
        await harness.Provider.GetResponseAsync(request);

        using var sent = JsonDocument.Parse(harness.Requests[1].Body);
        ClaudeHarness.AssertJsonEquals(sent.RootElement.GetProperty("messages")[1].GetRawText(), """
            {"role":"assistant","content":[
              {"type":"thinking","thinking":"I should read the sensor.","signature":"EqQBCgIYAhIM"},
              {"type":"redacted_thinking","data":"EmwKAhgBEgy3"},
              {"type":"tool_use","id":"toolu_1","name":"read_sensor","input":{"channel":"battery_b_temp"}}]}
            """);
        Assert.Multiple(() =>
        {
            Assert.That(first.ReasoningText, Is.EqualTo("I should read the sensor."));
            Assert.That(first.ReasoningParts.Select(p => (p.IsRedacted, p.ProtectedData)), Is.EqualTo(new[] { (false, (string?)"EqQBCgIYAhIM"), (true, "EmwKAhgBEgy3") }));
        });
    }

    [Test]
    public async Task GetResponseAsync_ReasoningWithoutSignatureFromAnotherProvider_IsNotSent()
    {
        using var harness = new ClaudeHarness();
        harness.Expect(HttpStatusCode.OK, Answer);
        var request = new ChatRequest([
            ChatMessage.FromUser("Hi"),
            ChatMessage.FromAssistant([ChatContentPart.FromReasoning("grok's reasoning"), ChatContentPart.FromText("Hello.")]),
            ChatMessage.FromUser("And?"),
        ]);

        await harness.Provider.GetResponseAsync(request);

        using var sent = JsonDocument.Parse(harness.Requests.Single().Body);
        ClaudeHarness.AssertJsonEquals(sent.RootElement.GetProperty("messages")[1].GetRawText(), """{"role":"assistant","content":[{"type":"text","text":"Hello."}]}""");
    }

    [Test]
    public async Task GetStreamingResponseAsync_ThinkingStream_ReasoningPartsRideOnTheNextUpdate()
    {
        using var harness = new ClaudeHarness();
        harness.ExpectSse(ClaudeStreams.ThinkingThenToolUse);

        var updates = await ClaudeHarness.CollectAsync(harness.Provider.GetStreamingResponseAsync(new ChatRequest("Hi")));

        var carrier = updates.Single(u => u.ReasoningParts is not null);
        Assert.Multiple(() =>
        {
            Assert.That(carrier.ToolCalls!.Single().Id, Is.EqualTo("toolu_1"));
            Assert.That(carrier.ReasoningParts!.Single().Text, Is.EqualTo("Check the sensor."));
            Assert.That(carrier.ReasoningParts!.Single().ProtectedData, Is.EqualTo("EqQBCgIYAh"));
            Assert.That(string.Concat(updates.Select(u => u.ReasoningText)), Is.EqualTo("Check the sensor."));
        });
    }
}
