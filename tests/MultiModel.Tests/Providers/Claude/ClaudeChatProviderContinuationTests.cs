using MultiModel.Providers.Claude;

namespace MultiModel.Tests.Providers.Claude;

/// <summary>The continuation request (<see cref="ChatRequest.ContinueFinalMessage"/>) on the Messages API wire: a prefill without trailing white space, or the instruction on models that refuse a prefill.</summary>
[Parallelizable(ParallelScope.All)]
public class ClaudeChatProviderContinuationTests
{
    private const string ContinuedStream = """
        event: message_start
        data: {"type":"message_start","message":{"id":"msg_1","model":"claude-sonnet-4-5-20250929","content":[],"usage":{"input_tokens":5,"output_tokens":1}}}

        event: content_block_start
        data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

        event: content_block_delta
        data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":" 5."}}

        event: content_block_stop
        data: {"type":"content_block_stop","index":0}

        event: message_delta
        data: {"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"output_tokens":2}}

        event: message_stop
        data: {"type":"message_stop"}


        """;

    [Test]
    public async Task GetStreamingResponseAsync_ContinueFinalMessage_SendsThePartialAnswerAsPrefillWithoutTrailingWhiteSpace()
    {
        using var harness = new ClaudeHarness();
        harness.ExpectSse(ContinuedStream);
        var request = new ChatRequest([ChatMessage.FromSystem("Be brief."), ChatMessage.FromUser("Name three primes."), ChatMessage.FromAssistant("2, 3, \n")])
        {
            ContinueFinalMessage = true,
        };

        var updates = await ClaudeHarness.CollectAsync(harness.Provider.GetStreamingResponseAsync(request));

        harness.Http.VerifyNoOutstandingExpectation();
        Assert.That(string.Concat(updates.Select(u => u.Text)), Is.EqualTo(" 5."));
        ClaudeHarness.AssertJsonEquals(harness.Requests.Single().Body, """
            {"model":"claude-sonnet-4-5","max_tokens":4096,"system":"Be brief.",
             "messages":[{"role":"user","content":"Name three primes."},{"role":"assistant","content":"2, 3,"}],
             "stream":true}
            """);
    }

    [TestCase("claude-opus-4-6")]
    [TestCase("claude-sonnet-4-6")]
    [TestCase("claude-opus-4-7-20260301")]
    public async Task GetStreamingResponseAsync_ModelThatRefusesPrefill_SendsThePartialAnswerThenTheInstruction(string model)
    {
        using var harness = new ClaudeHarness(o => o.Model = model);
        harness.ExpectSse(ContinuedStream);
        var request = new ChatRequest([ChatMessage.FromUser("Name three primes."), ChatMessage.FromAssistant("2, 3, ")]) { ContinueFinalMessage = true };

        await ClaudeHarness.CollectAsync(harness.Provider.GetStreamingResponseAsync(request));

        ClaudeHarness.AssertJsonEquals(harness.Requests.Single().Body, $$"""
            {"model":"{{model}}","max_tokens":4096,
             "messages":[{"role":"user","content":"Name three primes."},{"role":"assistant","content":"2, 3,"},
                         {"role":"user","content":"Your previous answer was cut off. Continue it from exactly where it stops, even in the middle of a word: write only the rest, without repeating anything and without any introduction."}],
             "stream":true}
            """);
    }

    [Test]
    public async Task GetStreamingResponseAsync_ThinkingOn_SendsTheInstructionSincePrefillIsNotAvailableWithThinking()
    {
        using var harness = new ClaudeHarness();
        harness.ExpectSse(ContinuedStream);
        var request = new ChatRequest([ChatMessage.FromUser("Name three primes."), ChatMessage.FromAssistant("2, 3, ")])
        {
            ContinueFinalMessage = true,
            Reasoning = new ChatReasoningOptions { BudgetTokens = 2048 },
        };

        await ClaudeHarness.CollectAsync(harness.Provider.GetStreamingResponseAsync(request));

        ClaudeHarness.AssertJsonEquals(harness.Requests.Single().Body, """
            {"model":"claude-sonnet-4-5","max_tokens":6144,
             "messages":[{"role":"user","content":"Name three primes."},{"role":"assistant","content":"2, 3,"},
                         {"role":"user","content":"Your previous answer was cut off. Continue it from exactly where it stops, even in the middle of a word: write only the rest, without repeating anything and without any introduction."}],
             "thinking":{"type":"enabled","budget_tokens":2048},
             "stream":true}
            """);
    }

    [Test]
    public async Task GetStreamingResponseAsync_PartialAnswerWithACacheBreakpoint_TrimsItsTextBlock()
    {
        using var harness = new ClaudeHarness();
        harness.ExpectSse(ContinuedStream);
        var request = new ChatRequest([ChatMessage.FromUser("Name three primes."), ChatMessage.FromAssistant("2, 3, ").WithCacheBreakpoint()]) { ContinueFinalMessage = true };

        await ClaudeHarness.CollectAsync(harness.Provider.GetStreamingResponseAsync(request));

        ClaudeHarness.AssertJsonEquals(harness.Requests.Single().Body, """
            {"model":"claude-sonnet-4-5","max_tokens":4096,
             "messages":[{"role":"user","content":"Name three primes."},
                         {"role":"assistant","content":[{"type":"text","text":"2, 3,","cache_control":{"type":"ephemeral"}}]}],
             "stream":true}
            """);
    }

    [Test]
    public async Task GetStreamingResponseAsync_RequestNamesAModelThatRefusesPrefill_FollowsTheRequestsModel()
    {
        using var harness = new ClaudeHarness();
        harness.ExpectSse(ContinuedStream);
        var request = new ChatRequest([ChatMessage.FromUser("Name three primes."), ChatMessage.FromAssistant("2, 3")]) { ContinueFinalMessage = true, ModelId = "claude-opus-4-6" };

        await ClaudeHarness.CollectAsync(harness.Provider.GetStreamingResponseAsync(request));

        Assert.That(harness.Requests.Single().Body, Does.Contain("\"role\":\"user\",\"content\":\"Your previous answer was cut off."));
    }

    [Test]
    public async Task GetResponseAsync_TrailingAssistantMessageWithoutContinuation_IsSentUnchanged()
    {
        using var harness = new ClaudeHarness();
        harness.Expect(System.Net.HttpStatusCode.OK, """
            {"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-5","content":[{"type":"text","text":"}"}],
             "stop_reason":"end_turn","usage":{"input_tokens":5,"output_tokens":2}}
            """);

        await harness.Provider.GetResponseAsync(new ChatRequest([ChatMessage.FromUser("JSON please."), ChatMessage.FromAssistant("{")]));

        ClaudeHarness.AssertJsonEquals(harness.Requests.Single().Body, """
            {"model":"claude-sonnet-4-5","max_tokens":4096,"messages":[{"role":"user","content":"JSON please."},{"role":"assistant","content":"{"}]}
            """);
    }

    [Test]
    public void CheckRequest_Continuation_IsSupported()
    {
        using var harness = new ClaudeHarness();
        var request = new ChatRequest([ChatMessage.FromUser("Count."), ChatMessage.FromAssistant("1 2")]) { ContinueFinalMessage = true };

        Assert.That(harness.Provider.CheckRequest(request).IsSupported, Is.True);
    }

    [TestCase("claude-opus-4-6", 4, 6)]
    [TestCase("claude-sonnet-4-5-20250929", 4, 5)]
    [TestCase("claude-sonnet-4-20250514", 4, 0)]
    [TestCase("claude-opus-4-1", 4, 1)]
    [TestCase("claude-3-7-sonnet-20250219", 3, 7)]
    [TestCase("claude-3-haiku-20240307", 3, 0)]
    [TestCase("anthropic.claude-opus-4-6-v1:0", 4, 6)]
    [TestCase("claude-opus-5", 5, 0)]
    public void Version_ModelId_ReadsTheClaudeVersion(string model, int major, int minor) =>
        Assert.That(ClaudeContinuation.Version(model), Is.EqualTo(new Version(major, minor)));

    [TestCase("my-proxy-model")]
    [TestCase("claude-mythos-preview")]
    public void TakesPrefill_IdWithoutVersion_KeepsThePrefill(string model)
    {
        Assert.That(ClaudeContinuation.Version(model), Is.Null);
        Assert.That(ClaudeContinuation.TakesPrefill(model), Is.True);
    }

    [TestCase("claude-3-7-sonnet-20250219", true)]
    [TestCase("claude-sonnet-4-5", true)]
    [TestCase("claude-opus-4-6", false)]
    [TestCase("claude-opus-5", false)]
    public void TakesPrefill_ClaudeVersion_BeforeFourPointSixOnly(string model, bool expected) =>
        Assert.That(ClaudeContinuation.TakesPrefill(model), Is.EqualTo(expected));
}
