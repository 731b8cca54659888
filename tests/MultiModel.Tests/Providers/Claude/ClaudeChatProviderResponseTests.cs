using System.Net;

namespace MultiModel.Tests.Providers.Claude;

[Parallelizable(ParallelScope.All)]
public class ClaudeChatProviderResponseTests
{
    [Test]
    public async Task GetResponseAsync_TextBlocks_AreConcatenatedAndOtherBlocksIgnored()
    {
        using var harness = new ClaudeHarness();
        harness.Expect(HttpStatusCode.OK, """
            {"model":"claude-sonnet-4-5-20250929","id":"msg_01Text","type":"message","role":"assistant",
             "content":[
               {"type":"text","text":"Let me check. "},
               {"type":"server_tool_use","id":"srvtoolu_1","name":"web_search","input":{"query":"weather"}},
               {"type":"web_search_tool_result","tool_use_id":"srvtoolu_1","content":[{"type":"web_search_result","title":"t","url":"https://x.example"}]},
               {"type":"text","text":"It is sunny.","citations":[{"type":"web_search_result_location","cited_text":"sunny"}]},
               {"type":"tool_use","id":"toolu_1","name":"get_time","input":{},"caller":{"type":"direct"}},
               {"type":"block_from_the_future","text":{"nested":true},"thinking":[1,2]}
             ],
             "stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":12,"output_tokens":7}}
            """);

        var response = await harness.Provider.GetResponseAsync(new ChatRequest("Weather?"));

        Assert.Multiple(() =>
        {
            Assert.That(response.Text, Is.EqualTo("Let me check. It is sunny."));
            Assert.That(response.ReasoningText, Is.Null);
            Assert.That(response.ResponseId, Is.EqualTo("msg_01Text"));
            Assert.That(response.ModelId, Is.EqualTo("claude-sonnet-4-5-20250929"));
            Assert.That(response.ProviderName, Is.EqualTo("claude"));
            Assert.That(response.Logprobs, Is.Null);
            Assert.That(response.Attempts, Is.Empty);
        });
    }

    [Test]
    public async Task GetResponseAsync_ThinkingBlocks_BecomeReasoningText()
    {
        using var harness = new ClaudeHarness();
        harness.Expect(HttpStatusCode.OK, """
            {"id":"msg_01Think","type":"message","role":"assistant","model":"claude-haiku-4-5-20251001",
             "content":[
               {"type":"thinking","thinking":"Two equations. ","signature":"EuoDCokBCBAYAipA"},
               {"type":"redacted_thinking","data":"EmwKAhgBEgy3va3pzix"},
               {"type":"thinking","thinking":"r = 12.","signature":"Sig2"},
               {"type":"text","text":"12 rabbits."}
             ],
             "stop_reason":"end_turn","usage":{"input_tokens":44,"output_tokens":626,"output_tokens_details":{"thinking_tokens":170}}}
            """);

        var response = await harness.Provider.GetResponseAsync(new ChatRequest("Rabbits?"));

        Assert.Multiple(() =>
        {
            Assert.That(response.Text, Is.EqualTo("12 rabbits."));
            Assert.That(response.ReasoningText, Is.EqualTo("Two equations. r = 12."));
            Assert.That(response.Usage.ReasoningTokens, Is.EqualTo(170));
            Assert.That(response.Usage.OutputTokens, Is.EqualTo(626));
        });
    }

    [TestCase("end_turn", ChatFinishReason.Stop)]
    [TestCase("stop_sequence", ChatFinishReason.Stop)]
    [TestCase("max_tokens", ChatFinishReason.Length)]
    [TestCase("model_context_window_exceeded", ChatFinishReason.Length)]
    [TestCase("refusal", ChatFinishReason.ContentFilter)]
    [TestCase("tool_use", ChatFinishReason.ToolCalls)]
    [TestCase("pause_turn", ChatFinishReason.Other)]
    [TestCase("a_reason_added_later", ChatFinishReason.Other)]
    public async Task GetResponseAsync_StopReason_IsMappedAndKeptRaw(string stopReason, ChatFinishReason expected)
    {
        using var harness = new ClaudeHarness();
        harness.Expect(HttpStatusCode.OK, $$$"""
            {"id":"msg_1","type":"message","role":"assistant","model":"m","content":[{"type":"text","text":"x"}],
             "stop_reason":"{{{stopReason}}}","usage":{"input_tokens":1,"output_tokens":1}}
            """);

        var response = await harness.Provider.GetResponseAsync(new ChatRequest("Hi"));

        Assert.Multiple(() =>
        {
            Assert.That(response.FinishReason, Is.EqualTo(expected));
            Assert.That(response.RawFinishReason, Is.EqualTo(stopReason));
        });
    }

    [Test]
    public async Task GetResponseAsync_NullStopReason_IsOtherWithoutRawValue()
    {
        using var harness = new ClaudeHarness();
        harness.Expect(HttpStatusCode.OK, """{"id":"msg_1","type":"message","content":[],"stop_reason":null}""");

        var response = await harness.Provider.GetResponseAsync(new ChatRequest("Hi"));

        Assert.Multiple(() =>
        {
            Assert.That(response.Text, Is.Empty);
            Assert.That(response.FinishReason, Is.EqualTo(ChatFinishReason.Other));
            Assert.That(response.RawFinishReason, Is.Null);
            Assert.That(response.Usage.TotalTokens, Is.Zero);
        });
    }

    [Test]
    public async Task GetResponseAsync_UsageWithCacheFields_IsNormalized()
    {
        using var harness = new ClaudeHarness();
        harness.Expect(HttpStatusCode.OK, """
            {"id":"msg_1","type":"message","model":"m","content":[{"type":"text","text":"ok"}],"stop_reason":"end_turn",
             "usage":{"input_tokens":10,"cache_creation_input_tokens":200,"cache_read_input_tokens":3000,
                      "cache_creation":{"ephemeral_5m_input_tokens":200,"ephemeral_1h_input_tokens":0},
                      "output_tokens":50,"output_tokens_details":{"thinking_tokens":20},
                      "server_tool_use":{"web_search_requests":1},"service_tier":"standard","inference_geo":"not_available"}}
            """);

        var usage = (await harness.Provider.GetResponseAsync(new ChatRequest("Hi"))).Usage;

        Assert.Multiple(() =>
        {
            Assert.That(usage.InputTokens, Is.EqualTo(3210));
            Assert.That(usage.OutputTokens, Is.EqualTo(50));
            Assert.That(usage.ReasoningTokens, Is.EqualTo(20));
            Assert.That(usage.CacheReadTokens, Is.EqualTo(3000));
            Assert.That(usage.CacheWriteTokens, Is.EqualTo(200));
            Assert.That(usage.TotalTokens, Is.EqualTo(3260));
        });
    }

    [Test]
    public async Task GetResponseAsync_UsageWithoutCacheFields_CountsOnlyInputTokens()
    {
        using var harness = new ClaudeHarness();
        harness.Expect(HttpStatusCode.OK, """
            {"id":"msg_1","type":"message","content":[{"type":"text","text":"ok"}],"stop_reason":"end_turn",
             "usage":{"input_tokens":21,"cache_creation_input_tokens":null,"output_tokens":7}}
            """);

        var usage = (await harness.Provider.GetResponseAsync(new ChatRequest("Hi"))).Usage;

        Assert.Multiple(() =>
        {
            Assert.That(usage.InputTokens, Is.EqualTo(21));
            Assert.That(usage.OutputTokens, Is.EqualTo(7));
            Assert.That(usage.ReasoningTokens, Is.Zero);
            Assert.That(usage.CacheReadTokens, Is.Zero);
            Assert.That(usage.CacheWriteTokens, Is.Zero);
        });
    }

    [Test]
    public async Task GetResponseAsync_LargeSkippedBlocks_AreReadAcrossBufferBoundaries()
    {
        using var harness = new ClaudeHarness();
        const string Result = """{"type":"web_search_result","title":"A page","url":"https://example.com/page","encrypted_content":"EqwBCioIAhgCIiQ4ODk4","page_age":null,"nested":{"deep":[[1,2],{"a":"b"}]}}""";
        var block = $$$"""{"type":"web_search_tool_result","tool_use_id":"srvtoolu_1","content":[{{{string.Join(",", Enumerable.Repeat(Result, 40))}}}]}""";
        var blocks = string.Join(",", Enumerable.Repeat(block, 60));
        harness.Expect(HttpStatusCode.OK, $$$"""
            {"id":"msg_big","type":"message","content":[
              {"type":"text","text":"Searching. "},
              {{{blocks}}},
              {"type":"text","text":"Found it."}
            ],"stop_reason":"pause_turn","usage":{"input_tokens":401468,"output_tokens":792}}
            """);

        var response = await harness.Provider.GetResponseAsync(new ChatRequest("Search"));

        Assert.Multiple(() =>
        {
            Assert.That(response.Text, Is.EqualTo("Searching. Found it."));
            Assert.That(response.FinishReason, Is.EqualTo(ChatFinishReason.Other));
            Assert.That(response.RawFinishReason, Is.EqualTo("pause_turn"));
        });
    }
}
