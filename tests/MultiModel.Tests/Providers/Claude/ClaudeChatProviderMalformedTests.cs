using System.Net;

namespace MultiModel.Tests.Providers.Claude;

[Parallelizable(ParallelScope.All)]
public class ClaudeChatProviderMalformedTests
{
    private const string MessageStart = """
        event: message_start
        data: {"type":"message_start","message":{"id":"msg_01Cut","model":"claude-sonnet-4-5-20250929","content":[],"usage":{"input_tokens":9,"output_tokens":1}}}

        event: content_block_start
        data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

        event: content_block_delta
        data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hello"}}


        """;

    [TestCase("", TestName = "GetResponseAsync_200EmptyBody_ThrowsMalformed")]
    [TestCase("   ", TestName = "GetResponseAsync_200WhitespaceBody_ThrowsMalformed")]
    [TestCase("<html>gateway</html>", TestName = "GetResponseAsync_200NotJson_ThrowsMalformed")]
    [TestCase("{\"id\":\"msg_1\",\"content\":[{\"type\":\"text\"", TestName = "GetResponseAsync_200CutJson_ThrowsMalformed")]
    [TestCase("null", TestName = "GetResponseAsync_200JsonNull_ThrowsMalformed")]
    [TestCase("[1,2,3]", TestName = "GetResponseAsync_200JsonArray_ThrowsMalformed")]
    [TestCase("\"text\"", TestName = "GetResponseAsync_200JsonString_ThrowsMalformed")]
    [TestCase("{\"id\":\"msg_1\",\"type\":\"message\",\"stop_reason\":\"end_turn\"}", TestName = "GetResponseAsync_200MissingContent_ThrowsMalformed")]
    [TestCase("{\"id\":\"msg_1\",\"type\":\"message\",\"content\":null}", TestName = "GetResponseAsync_200NullContent_ThrowsMalformed")]
    [TestCase("{\"id\":\"msg_1\",\"content\":{\"type\":\"text\"}}", TestName = "GetResponseAsync_200ContentNotArray_ThrowsMalformed")]
    [TestCase("{\"id\":\"msg_1\",\"content\":[],\"usage\":{\"input_tokens\":\"many\"}}", TestName = "GetResponseAsync_200UsageNotNumber_ThrowsMalformed")]
    public void GetResponseAsync_UnusableSuccessBody_ThrowsMalformedResponse(string body)
    {
        using var harness = new ClaudeHarness();
        harness.Expect(HttpStatusCode.OK, body);

        var ex = Assert.ThrowsAsync<ChatProviderException>(() => harness.Provider.GetResponseAsync(new ChatRequest("Hi")));

        Assert.Multiple(() =>
        {
            Assert.That(ex.Kind, Is.EqualTo(ChatProviderErrorKind.MalformedResponse));
            Assert.That(ex.StatusCode, Is.EqualTo(200));
            Assert.That(ex.ProviderName, Is.EqualTo("claude"));
            Assert.That(ex.IsTransient, Is.True);
        });
    }

    [Test]
    public void GetResponseAsync_200ErrorEnvelope_ThrowsTypedStreamError()
    {
        using var harness = new ClaudeHarness();
        harness.Expect(HttpStatusCode.OK, """
            {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"},"request_id":"req_200err"}
            """);

        var ex = Assert.ThrowsAsync<ChatProviderException>(() => harness.Provider.GetResponseAsync(new ChatRequest("Hi")));

        Assert.Multiple(() =>
        {
            Assert.That(ex.Kind, Is.EqualTo(ChatProviderErrorKind.StreamError));
            Assert.That(ex.StatusCode, Is.EqualTo(200));
            Assert.That(ex.ErrorType, Is.EqualTo("overloaded_error"));
            Assert.That(ex.ProviderMessage, Is.EqualTo("Overloaded"));
            Assert.That(ex.RequestId, Is.EqualTo("req_200err"));
            Assert.That(ex.IsTransient, Is.True);
        });
    }

    [Test]
    public async Task GetResponseAsync_OddlyShapedBlocks_AreSkippedNotThrown()
    {
        using var harness = new ClaudeHarness();
        harness.Expect(HttpStatusCode.OK, """
            {"id":"msg_1","content":[null,"stray",42,{"type":"text","text":7},{"type":["x"]},{"type":"text","text":"kept"}],"stop_reason":"end_turn"}
            """);

        var response = await harness.Provider.GetResponseAsync(new ChatRequest("Hi"));

        Assert.That(response.Text, Is.EqualTo("kept"));
    }

    [Test]
    public void GetStreamingResponseAsync_NoMessageStop_ThrowsTruncatedAfterDeliveredUpdates()
    {
        using var harness = new ClaudeHarness();
        harness.ExpectSse(MessageStart + """
            event: message_delta
            data: {"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"output_tokens":3}}


            """);
        var received = new List<ChatResponseUpdate>();

        var ex = Assert.ThrowsAsync<ChatProviderException>(() => ClaudeHarness.CollectAsync(harness.Provider.GetStreamingResponseAsync(new ChatRequest("Hi")), received));

        Assert.Multiple(() =>
        {
            Assert.That(ex.Kind, Is.EqualTo(ChatProviderErrorKind.MalformedResponse));
            Assert.That(ex.Message, Does.Contain("message_stop"));
            Assert.That(ex.StatusCode, Is.EqualTo(200));
            Assert.That(received.Select(u => u.Text), Is.EqualTo(new[] { "Hello" }));
            Assert.That(received.Any(u => u.IsFinal), Is.False);
        });
    }

    [Test]
    public void GetStreamingResponseAsync_EmptyStream_ThrowsTruncated()
    {
        using var harness = new ClaudeHarness();
        harness.ExpectSse(string.Empty);

        var ex = Assert.ThrowsAsync<ChatProviderException>(() => ClaudeHarness.CollectAsync(harness.Provider.GetStreamingResponseAsync(new ChatRequest("Hi"))));

        Assert.That(ex.Kind, Is.EqualTo(ChatProviderErrorKind.MalformedResponse));
    }

    [TestCase("event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_de", TestName = "GetStreamingResponseAsync_CutInsideJsonLine_ThrowsMalformed")]
    [TestCase("event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_de\n\n", TestName = "GetStreamingResponseAsync_InvalidJsonEvent_ThrowsMalformed")]
    [TestCase("event: message_delta\ndata: null\n\n", TestName = "GetStreamingResponseAsync_JsonNullEvent_ThrowsMalformed")]
    [TestCase("event: message_delta\ndata: {\"type\":\"message_delta\",\"usage\":{\"output_tokens\":\"x\"}}\n\n", TestName = "GetStreamingResponseAsync_UsageNotNumber_ThrowsMalformed")]
    public void GetStreamingResponseAsync_BrokenEvent_ThrowsMalformedAfterDeliveredUpdates(string tail)
    {
        using var harness = new ClaudeHarness();
        harness.ExpectSse(MessageStart + tail);
        var received = new List<ChatResponseUpdate>();

        var ex = Assert.ThrowsAsync<ChatProviderException>(() => ClaudeHarness.CollectAsync(harness.Provider.GetStreamingResponseAsync(new ChatRequest("Hi")), received));

        Assert.Multiple(() =>
        {
            Assert.That(ex.Kind, Is.EqualTo(ChatProviderErrorKind.MalformedResponse));
            Assert.That(ex.StatusCode, Is.EqualTo(200));
            Assert.That(received.Select(u => u.Text), Is.EqualTo(new[] { "Hello" }));
        });
    }

    [Test]
    public void GetStreamingResponseAsync_InBandOverloadedError_ThrowsTransientStreamError()
    {
        using var harness = new ClaudeHarness();
        harness.ExpectSse(MessageStart + """
            event: error
            data: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded","details":null},"request_id":"req_011Stream"}


            """);
        var received = new List<ChatResponseUpdate>();

        var ex = Assert.ThrowsAsync<ChatProviderException>(() => ClaudeHarness.CollectAsync(harness.Provider.GetStreamingResponseAsync(new ChatRequest("Hi")), received));

        Assert.Multiple(() =>
        {
            Assert.That(ex.Kind, Is.EqualTo(ChatProviderErrorKind.StreamError));
            Assert.That(ex.StatusCode, Is.EqualTo(200));
            Assert.That(ex.ErrorType, Is.EqualTo("overloaded_error"));
            Assert.That(ex.ProviderMessage, Is.EqualTo("Overloaded"));
            Assert.That(ex.RequestId, Is.EqualTo("req_011Stream"));
            Assert.That(ex.IsTransient, Is.True);
            Assert.That(ex.ResponseBody, Does.Contain("overloaded_error"));
            Assert.That(received.Select(u => u.Text), Is.EqualTo(new[] { "Hello" }));
        });
    }

    [Test]
    public void GetStreamingResponseAsync_ErrorEventWithoutJson_ThrowsStreamErrorWithoutType()
    {
        using var harness = new ClaudeHarness();
        harness.ExpectSse(MessageStart + "event: error\ndata: upstream connect error\n\n");

        var ex = Assert.ThrowsAsync<ChatProviderException>(() => ClaudeHarness.CollectAsync(harness.Provider.GetStreamingResponseAsync(new ChatRequest("Hi"))));

        Assert.Multiple(() =>
        {
            Assert.That(ex.Kind, Is.EqualTo(ChatProviderErrorKind.StreamError));
            Assert.That(ex.ErrorType, Is.Null);
            Assert.That(ex.ResponseBody, Is.EqualTo("upstream connect error"));
        });
    }

    [Test]
    public void GetStreamingResponseAsync_InvalidRequestErrorEvent_IsNotTransient()
    {
        using var harness = new ClaudeHarness();
        harness.ExpectSse("""
            event: error
            data: {"type":"error","error":{"type":"invalid_request_error","message":"prompt is too long: 300000 tokens > 200000 maximum"}}


            """);

        var ex = Assert.ThrowsAsync<ChatProviderException>(() => ClaudeHarness.CollectAsync(harness.Provider.GetStreamingResponseAsync(new ChatRequest("Hi"))));

        Assert.Multiple(() =>
        {
            Assert.That(ex.Kind, Is.EqualTo(ChatProviderErrorKind.StreamError));
            Assert.That(ex.IsTransient, Is.False);
            Assert.That(ex.IsContextLengthExceeded, Is.True);
        });
    }
}
