using System.Net;
using System.Text;

namespace MultiModel.Tests.Providers.Claude;

[Parallelizable(ParallelScope.All)]
public class ClaudeChatProviderStreamingTests
{
    private const string MessageStart = """
        event: message_start
        data: {"type":"message_start","message":{"id":"msg_01Stream","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929","content":[],"stop_reason":null,"usage":{"input_tokens":30,"cache_creation_input_tokens":4,"cache_read_input_tokens":100,"output_tokens":1}}     }


        """;

    private const string TextThenToolStream = MessageStart + """
        event: content_block_start
        data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

        event: ping
        data: {"type": "ping"}

        event: content_block_delta
        data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Checking the"}   }

        event: content_block_delta
        data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":" weather."}}

        event: content_block_delta
        data: {"type":"content_block_delta","index":0,"delta":{"type":"citations_delta","citation":{"type":"char_location","cited_text":"x"}}}

        event: content_block_stop
        data: {"type":"content_block_stop","index":0}

        event: content_block_start
        data: {"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"toolu_1","name":"get_weather","input":{}}}

        event: content_block_delta
        data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\"city\": \"Os"}}

        event: content_block_delta
        data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"lo\"}"}}

        event: brand_new_event
        data: {"type":"brand_new_event","payload":{"a":[1,2,3]}}

        event: content_block_stop
        data: {"type":"content_block_stop","index":1}

        event: message_delta
        data: {"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"input_tokens":30,"output_tokens":52}}

        event: message_stop
        data: {"type":"message_stop"}


        """;

    [Test]
    public async Task GetStreamingResponseAsync_TextStream_YieldsDeltasThenOneFinalUpdate()
    {
        using var harness = new ClaudeHarness();
        harness.ExpectSse(TextThenToolStream);

        var updates = await ClaudeHarness.CollectAsync(harness.Provider.GetStreamingResponseAsync(new ChatRequest("Weather in Oslo?")));

        harness.Http.VerifyNoOutstandingExpectation();
        Assert.That(updates.Select(u => u.Text), Is.EqualTo(new[] { "Checking the", " weather.", null, null }));
        var final = updates[^1];
        Assert.Multiple(() =>
        {
            Assert.That(updates[2].ToolCalls!.Single().Id, Is.EqualTo("toolu_1"));
            Assert.That(updates[2].ToolCalls!.Single().ArgumentsJson, Is.EqualTo("""{"city": "Oslo"}"""));
            Assert.That(updates.Count(u => u.IsFinal), Is.EqualTo(1));
            Assert.That(updates.All(u => u.ProviderName == "claude"), Is.True);
            Assert.That(updates.All(u => u.ResponseId == "msg_01Stream"), Is.True);
            Assert.That(updates.All(u => u.ModelId == "claude-sonnet-4-5-20250929"), Is.True);
            Assert.That(updates.All(u => u.Logprobs is null), Is.True);
            Assert.That(final.IsFinal, Is.True);
            Assert.That(final.FinishReason, Is.EqualTo(ChatFinishReason.ToolCalls));
            Assert.That(final.RawFinishReason, Is.EqualTo("tool_use"));
            Assert.That(final.Usage!.InputTokens, Is.EqualTo(134), "message_delta input_tokens overwrites; cache fields kept from message_start");
            Assert.That(final.Usage.OutputTokens, Is.EqualTo(52));
            Assert.That(final.Usage.CacheReadTokens, Is.EqualTo(100));
            Assert.That(final.Usage.CacheWriteTokens, Is.EqualTo(4));
            Assert.That(updates.Take(updates.Count - 1).All(u => !u.IsFinal && u.Usage is null && u.FinishReason is null), Is.True);
        });
    }

    [Test]
    public async Task GetStreamingResponseAsync_ThinkingStream_YieldsReasoningTextAndThinkingTokens()
    {
        using var harness = new ClaudeHarness();
        harness.ExpectSse(MessageStart + """
            event: content_block_start
            data: {"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":"","signature":""}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"Let me think."}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":0,"delta":{"type":"signature_delta","signature":"EqQBCgIYAh"}}

            event: content_block_stop
            data: {"type":"content_block_stop","index":0}

            event: content_block_start
            data: {"type":"content_block_start","index":1,"content_block":{"type":"redacted_thinking","data":"EmwKAhgB"}}

            event: content_block_stop
            data: {"type":"content_block_stop","index":1}

            event: content_block_delta
            data: {"type":"content_block_delta","index":2,"delta":{"type":"text_delta","text":"Answer."}}

            event: message_delta
            data: {"type":"message_delta","delta":{"stop_reason":"max_tokens"},"usage":{"output_tokens":638,"output_tokens_details":{"thinking_tokens":353}}}

            event: message_stop
            data: {"type":"message_stop"           }


            """);

        var updates = await ClaudeHarness.CollectAsync(harness.Provider.GetStreamingResponseAsync(new ChatRequest("Think")));

        Assert.Multiple(() =>
        {
            Assert.That(updates.Select(u => u.ReasoningText), Is.EqualTo(new[] { "Let me think.", null, null }));
            Assert.That(updates.Select(u => u.Text), Is.EqualTo(new[] { null, "Answer.", null }));
            Assert.That(updates[^1].FinishReason, Is.EqualTo(ChatFinishReason.Length));
            Assert.That(updates[^1].Usage!.ReasoningTokens, Is.EqualTo(353));
            Assert.That(updates[^1].Usage!.OutputTokens, Is.EqualTo(638));
            Assert.That(updates[^1].Usage!.InputTokens, Is.EqualTo(134), "input kept from message_start when message_delta omits it");
        });
    }

    [Test]
    public async Task GetStreamingResponseAsync_DataAfterMessageStop_IsNotRead()
    {
        using var harness = new ClaudeHarness();
        harness.ExpectSse(MessageStart + """
            event: message_stop
            data: {"type":"message_stop"}

            event: content_block_delta
            data: {not json at all


            """);

        var updates = await ClaudeHarness.CollectAsync(harness.Provider.GetStreamingResponseAsync(new ChatRequest("Hi")));

        Assert.Multiple(() =>
        {
            Assert.That(updates, Has.Count.EqualTo(1));
            Assert.That(updates[0].IsFinal, Is.True);
            Assert.That(updates[0].FinishReason, Is.EqualTo(ChatFinishReason.Other));
            Assert.That(updates[0].RawFinishReason, Is.Null);
        });
    }

    [Test]
    public void GetStreamingResponseAsync_StatusErrorBeforeStream_ThrowsTypedExceptionOnEnumeration()
    {
        using var harness = new ClaudeHarness();
        harness.Expect((HttpStatusCode)529, """{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"},"request_id":"req_529"}""");

        var ex = Assert.ThrowsAsync<ChatProviderException>(() => ClaudeHarness.CollectAsync(harness.Provider.GetStreamingResponseAsync(new ChatRequest("Hi"))));

        Assert.Multiple(() =>
        {
            Assert.That(ex.Kind, Is.EqualTo(ChatProviderErrorKind.HttpStatus));
            Assert.That(ex.StatusCode, Is.EqualTo(529));
            Assert.That(ex.ErrorType, Is.EqualTo("overloaded_error"));
            Assert.That(ex.RequestId, Is.EqualTo("req_529"));
        });
    }

    [Test]
    public void GetResponseAsync_CancelledBeforeCall_ThrowsOperationCanceledUnwrapped()
    {
        using var harness = new ClaudeHarness();
        harness.Expect(HttpStatusCode.OK, """{"content":[]}""");
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        var ex = Assert.CatchAsync<OperationCanceledException>(() => harness.Provider.GetResponseAsync(new ChatRequest("Hi"), cts.Token));

        Assert.That(ex.CancellationToken, Is.EqualTo(cts.Token));
    }

    [Test]
    public void GetStreamingResponseAsync_CancelledBeforeCall_ThrowsOperationCanceledUnwrapped()
    {
        using var harness = new ClaudeHarness();
        harness.ExpectSse(TextThenToolStream);
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        Assert.CatchAsync<OperationCanceledException>(() => ClaudeHarness.CollectAsync(harness.Provider.GetStreamingResponseAsync(new ChatRequest("Hi"), cts.Token)));
    }

    [Test]
    public async Task GetStreamingResponseAsync_CancelledMidStream_ThrowsOperationCanceledUnwrapped()
    {
        using var harness = new ClaudeHarness();
        var firstPart = Encoding.UTF8.GetBytes(MessageStart + """
            event: content_block_delta
            data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Partial"}}


            """);
        harness.ExpectContent(HttpStatusCode.OK, () => new StreamContent(new HangingStream(firstPart)), "text/event-stream");
        using var cts = new CancellationTokenSource();
        var received = new List<ChatResponseUpdate>();

        var enumerator = harness.Provider.GetStreamingResponseAsync(new ChatRequest("Hi"), cts.Token).GetAsyncEnumerator(cts.Token);
        try
        {
            Assert.That(await enumerator.MoveNextAsync(), Is.True);
            received.Add(enumerator.Current);
            await cts.CancelAsync();
            Assert.CatchAsync<OperationCanceledException>(async () => await enumerator.MoveNextAsync());
        }
        finally
        {
            await enumerator.DisposeAsync();
        }

        Assert.That(received.Single().Text, Is.EqualTo("Partial"));
    }
}
