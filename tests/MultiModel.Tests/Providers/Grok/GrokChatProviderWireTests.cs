using MultiModel.Providers.Grok;
using MultiModel.Tests.Providers.ChatCompletions;
using static MultiModel.Tests.Providers.ChatCompletions.ChatCompletionsHttp;
using static MultiModel.Tests.Providers.Grok.GrokTestData;

namespace MultiModel.Tests.Providers.Grok;

[Parallelizable(ParallelScope.All)]
public class GrokChatProviderWireTests
{
    private static readonly string OkBody = Completion("""{"role":"assistant","content":"ok"}""");
    private static readonly string OkStream = Sse(Chunk("""{"content":"ok"}"""), Chunk("{}", "stop"), UsageChunk(), "[DONE]");

    [Test]
    public async Task GetResponseAsync_SimpleRequest_PostsToChatCompletionsWithBearerKey()
    {
        using var http = new ChatCompletionsHttp();
        var sent = http.Expect(Url, OkBody);

        await CreateProvider(http.Client).GetResponseAsync(new ChatRequest("Hi"));

        http.Handler.VerifyNoOutstandingExpectation();
        Assert.Multiple(() =>
        {
            Assert.That(sent.Url, Is.EqualTo(new Uri(Url)));
            Assert.That(sent.Headers["Authorization"], Is.EqualTo("Bearer " + ApiKey));
            Assert.That(sent.ContentType, Does.StartWith("application/json"));
        });
        AssertJsonEqual(sent.Body, """{"model":"grok-4","messages":[{"role":"user","content":"Hi"}]}""");
    }

    [TestCase("https://api.x.ai/v1")]
    [TestCase("https://api.x.ai/v1/")]
    public async Task GetResponseAsync_BaseUrlWithOrWithoutSlash_AppendsChatCompletions(string baseUrl)
    {
        using var http = new ChatCompletionsHttp();
        http.Expect(Url, OkBody);

        await CreateProvider(http.Client, o => o.BaseUrl = new Uri(baseUrl)).GetResponseAsync(new ChatRequest("Hi"));

        http.Handler.VerifyNoOutstandingExpectation();
    }

    [Test]
    public async Task GetResponseAsync_AllSettings_SendsEverySettingAndKeepsSystemMessagesInPlace()
    {
        using var http = new ChatCompletionsHttp();
        var sent = http.Expect(Url, OkBody);
        var request = new ChatRequest(
        [
            ChatMessage.FromSystem("Be brief."),
            ChatMessage.FromUser("Name a prime."),
            ChatMessage.FromAssistant("2"),
            ChatMessage.FromSystem("Now be verbose."),
            ChatMessage.FromUser("Another."),
        ])
        {
            ModelId = "grok-3", // a model that reasons would refuse stop sequences
            MaxOutputTokens = 200,
            Temperature = 0.3,
            TopP = 0.9,
            IncludeLogprobs = true,
            TopLogprobs = 3,
        };
        foreach (var stop in new[] { "a", "b", "c", "d" })
        {
            request.StopSequences.Add(stop);
        }

        await CreateProvider(http.Client, o => o.MaxOutputTokens = 999).GetResponseAsync(request);

        AssertJsonEqual(sent.Body, """
            {"model":"grok-3",
             "messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Name a prime."},
                         {"role":"assistant","content":"2"},{"role":"system","content":"Now be verbose."},
                         {"role":"user","content":"Another."}],
             "max_completion_tokens":200,"temperature":0.3,"top_p":0.9,"stop":["a","b","c","d"],
             "logprobs":true,"top_logprobs":3}
            """);
    }

    [Test]
    public async Task GetResponseAsync_NoRequestCap_SendsOptionsDefaultCap()
    {
        using var http = new ChatCompletionsHttp();
        var sent = http.Expect(Url, OkBody);

        await CreateProvider(http.Client, o => o.MaxOutputTokens = 512).GetResponseAsync(new ChatRequest("Hi"));

        AssertJsonEqual(sent.Body, """{"model":"grok-4","messages":[{"role":"user","content":"Hi"}],"max_completion_tokens":512}""");
    }

    [Test]
    public async Task GetResponseAsync_LogprobsOff_OmitsLogprobFields()
    {
        using var http = new ChatCompletionsHttp();
        var sent = http.Expect(Url, OkBody);

        await CreateProvider(http.Client).GetResponseAsync(new ChatRequest("Hi") { IncludeLogprobs = false, Temperature = 0 });

        AssertJsonEqual(sent.Body, """{"model":"grok-4","messages":[{"role":"user","content":"Hi"}],"temperature":0}""");
    }

    [Test]
    public async Task GetStreamingResponseAsync_SimpleRequest_SendsStreamAndIncludeUsage()
    {
        using var http = new ChatCompletionsHttp();
        var sent = http.ExpectStream(Url, OkStream);
        var request = new ChatRequest([ChatMessage.FromSystem("Be brief."), ChatMessage.FromUser("Hi")]) { ModelId = "grok-code-fast-1" };
        request.StopSequences.Add("END");

        await CollectAsync(CreateProvider(http.Client).GetStreamingResponseAsync(request));

        http.Handler.VerifyNoOutstandingExpectation();
        Assert.That(sent.Headers["Authorization"], Is.EqualTo("Bearer " + ApiKey));
        AssertJsonEqual(sent.Body, """
            {"model":"grok-code-fast-1",
             "messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Hi"}],
             "stop":["END"],"stream":true,"stream_options":{"include_usage":true}}
            """);
    }

    [Test]
    public async Task GetStreamingResponseAsync_LogprobsOn_SendsLogprobsWithStream()
    {
        using var http = new ChatCompletionsHttp();
        var sent = http.ExpectStream(Url, OkStream);

        await CollectAsync(CreateProvider(http.Client).GetStreamingResponseAsync(new ChatRequest("Hi") { IncludeLogprobs = true }));

        AssertJsonEqual(sent.Body, """
            {"model":"grok-4","messages":[{"role":"user","content":"Hi"}],"logprobs":true,
             "stream":true,"stream_options":{"include_usage":true}}
            """);
    }

    [Test]
    public async Task GetResponseAsync_SameRequestTwice_DoesNotModifyRequest()
    {
        using var http = new ChatCompletionsHttp();
        var first = http.Expect(Url, OkBody);
        var second = http.Expect(Url, OkBody);
        var provider = CreateProvider(http.Client);
        var request = new ChatRequest("Hi") { MaxOutputTokens = 7 };

        await provider.GetResponseAsync(request);
        await provider.GetResponseAsync(request);

        Assert.That(second.Body, Is.EqualTo(first.Body));
        Assert.That(request.ModelId, Is.Null);
    }
}
