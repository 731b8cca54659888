using System.Net;
using MultiModel.Tests.Providers.ChatCompletions;
using RichardSzalay.MockHttp;
using static MultiModel.Tests.Providers.ChatCompletions.ChatCompletionsHttp;
using static MultiModel.Tests.Providers.Grok.GrokTestData;

namespace MultiModel.Tests.Providers.Grok;

[Parallelizable(ParallelScope.All)]
public class GrokChatProviderMalformedTests
{
    [TestCase("")]
    [TestCase("   ")]
    [TestCase("{\"id\":")]
    [TestCase("<html>bad gateway</html>")]
    [TestCase("null")]
    [TestCase("{}")]
    [TestCase("{\"id\":\"r\",\"choices\":[]}")]
    [TestCase("{\"id\":\"r\",\"choices\":null}")]
    [TestCase("{\"id\":\"r\",\"choices\":[null]}")]
    [TestCase("{\"id\":\"r\",\"choices\":[{\"index\":0,\"finish_reason\":\"stop\"}]}")]
    [TestCase("{\"id\":\"r\",\"choices\":[{\"message\":{\"content\":42}}]}")]
    [TestCase("[1,2]")]
    public void GetResponseAsync_UnusableBody_ThrowsMalformedResponse(string body)
    {
        using var http = new ChatCompletionsHttp();
        http.Expect(Url, body, headers: ("x-request-id", "req-m"));

        var ex = Assert.ThrowsAsync<ChatProviderException>(() => CreateProvider(http.Client).GetResponseAsync(new ChatRequest("Hi")));

        Assert.Multiple(() =>
        {
            Assert.That(ex.Kind, Is.EqualTo(ChatProviderErrorKind.MalformedResponse));
            Assert.That(ex.StatusCode, Is.EqualTo(200));
            Assert.That(ex.RequestId, Is.EqualTo("req-m"));
            Assert.That(ex.IsTransient, Is.True);
        });
    }

    [Test]
    public void GetResponseAsync_200WithErrorInsteadOfChoices_ThrowsTypedError()
    {
        using var http = new ChatCompletionsHttp();
        http.Expect(Url, """{"error":{"message":"Upstream provider failed.","type":"upstream_error","code":502}}""");

        var ex = Assert.ThrowsAsync<ChatProviderException>(() => CreateProvider(http.Client).GetResponseAsync(new ChatRequest("Hi")));

        Assert.That(ex.Kind, Is.EqualTo(ChatProviderErrorKind.StreamError));
        Assert.That(ex.ErrorType, Is.EqualTo("upstream_error"));
        Assert.That(ex.ProviderMessage, Is.EqualTo("Upstream provider failed."));
    }

    [Test]
    public void GetStreamingResponseAsync_NoDoneMarker_ThrowsTruncatedAfterTheText()
    {
        using var http = new ChatCompletionsHttp();
        http.ExpectStream(Url, Sse(Chunk("""{"content":"Hel"}"""), Chunk("{}", "stop"), UsageChunk()));
        var texts = new List<string?>();

        var ex = Assert.ThrowsAsync<ChatProviderException>(async () =>
        {
            await foreach (var update in CreateProvider(http.Client).GetStreamingResponseAsync(new ChatRequest("Hi")))
            {
                texts.Add(update.Text);
            }
        });

        Assert.That(texts, Is.EqualTo(new[] { "Hel" }), "no final update without [DONE]");
        Assert.That(ex.Kind, Is.EqualTo(ChatProviderErrorKind.MalformedResponse));
        Assert.That(ex.Message, Does.Contain("[DONE]"));
    }

    [TestCase("data: {\"id\":\"r\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hel\"}}]}\n\ndata: {\"id\":\"r\",\"choi")]
    [TestCase("data: {\"id\":\"r\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hel\"}}]}\n\ndata: [DO")]
    [TestCase("")]
    [TestCase("data: not json\n\ndata: [DONE]\n\n")]
    [TestCase("data: null\n\ndata: [DONE]\n\n")]
    [TestCase("data: {\"choices\":[{\"delta\":{\"content\":7}}]}\n\ndata: [DONE]\n\n")]
    public void GetStreamingResponseAsync_BrokenStream_ThrowsMalformedResponse(string sse)
    {
        using var http = new ChatCompletionsHttp();
        http.ExpectStream(Url, sse);

        var ex = Assert.ThrowsAsync<ChatProviderException>(() => CollectAsync(CreateProvider(http.Client).GetStreamingResponseAsync(new ChatRequest("Hi"))));

        Assert.That(ex.Kind, Is.EqualTo(ChatProviderErrorKind.MalformedResponse));
        Assert.That(ex.StatusCode, Is.EqualTo(200));
    }

    [TestCase("""{"error":{"message":"The model is overloaded.","type":"server_error","code":"overloaded"}}""", "server_error", "The model is overloaded.")]
    [TestCase("""{"code":"The service is currently unavailable","error":"The model is at capacity."}""", "The service is currently unavailable", "The model is at capacity.")]
    [TestCase("""{"error":"Stream interrupted."}""", null, "Stream interrupted.")]
    public void GetStreamingResponseAsync_ErrorChunk_ThrowsStreamError(string errorChunk, string? type, string message)
    {
        using var http = new ChatCompletionsHttp();
        http.ExpectStream(Url, Sse(Chunk("""{"content":"Hel"}"""), errorChunk, "[DONE]"));
        var texts = new List<string?>();

        var ex = Assert.ThrowsAsync<ChatProviderException>(async () =>
        {
            await foreach (var update in CreateProvider(http.Client).GetStreamingResponseAsync(new ChatRequest("Hi")))
            {
                texts.Add(update.Text);
            }
        });

        Assert.Multiple(() =>
        {
            Assert.That(texts, Is.EqualTo(new[] { "Hel" }));
            Assert.That(ex.Kind, Is.EqualTo(ChatProviderErrorKind.StreamError));
            Assert.That(ex.StatusCode, Is.EqualTo(200));
            Assert.That(ex.ErrorType, Is.EqualTo(type));
            Assert.That(ex.ProviderMessage, Is.EqualTo(message));
            Assert.That(ex.ResponseBody, Is.EqualTo(errorChunk));
        });
    }

    [Test]
    public void GetResponseAsync_CancelledToken_ThrowsOperationCanceledWithoutWrapping()
    {
        using var http = new ChatCompletionsHttp();
        var any = http.AnswerAnything();
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        Assert.That(
            () => CreateProvider(http.Client).GetResponseAsync(new ChatRequest("Hi"), cts.Token),
            Throws.InstanceOf<OperationCanceledException>());
        Assert.That(http.Handler.GetMatchCount(any), Is.Zero);
    }

    [Test]
    public void GetResponseAsync_CancelledWhileWaiting_ThrowsOperationCanceledWithoutWrapping()
    {
        using var http = new ChatCompletionsHttp();
        using var cts = new CancellationTokenSource();
        http.Handler.Expect(HttpMethod.Post, Url).Respond(async (HttpRequestMessage _) =>
        {
            await cts.CancelAsync();
            await Task.Delay(Timeout.Infinite, cts.Token);
            return new HttpResponseMessage(HttpStatusCode.OK);
        });

        Assert.That(
            () => CreateProvider(http.Client).GetResponseAsync(new ChatRequest("Hi"), cts.Token),
            Throws.InstanceOf<OperationCanceledException>().And.Not.InstanceOf<ChatProviderException>());
    }

    [Test]
    public async Task GetStreamingResponseAsync_CancelledAfterFirstUpdate_ThrowsOperationCanceled()
    {
        using var http = new ChatCompletionsHttp();
        http.ExpectStream(Url, Sse(Chunk("""{"content":"a"}"""), Chunk("""{"content":"b"}"""), Chunk("{}", "stop"), "[DONE]"));
        using var cts = new CancellationTokenSource();
        var enumerator = CreateProvider(http.Client).GetStreamingResponseAsync(new ChatRequest("Hi"), cts.Token).GetAsyncEnumerator();
        try
        {
            Assert.That(await enumerator.MoveNextAsync(), Is.True);
            await cts.CancelAsync();

            Assert.That(async () => await enumerator.MoveNextAsync(), Throws.InstanceOf<OperationCanceledException>());
        }
        finally
        {
            await enumerator.DisposeAsync();
        }
    }
}
