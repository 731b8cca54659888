using MultiModel.Providers.OpenAICompatible;
using MultiModel.Tests.Providers.ChatCompletions;
using static MultiModel.Tests.Providers.ChatCompletions.ChatCompletionsHttp;
using static MultiModel.Tests.Providers.Grok.GrokTestData;

namespace MultiModel.Tests.Providers.Grok;

/// <summary>The continuation request (<see cref="ChatRequest.ContinueFinalMessage"/>) on the chat-completions wire: the partial answer, then the instruction.</summary>
[Parallelizable(ParallelScope.All)]
public class GrokChatProviderContinuationTests
{
    private static readonly string OkStream = Sse(Chunk("""{"content":" 5"}"""), Chunk("{}", "stop"), UsageChunk(), "[DONE]");

    [Test]
    public async Task GetStreamingResponseAsync_ContinueFinalMessage_SendsThePartialAnswerThenTheInstruction()
    {
        using var http = new ChatCompletionsHttp();
        var sent = http.ExpectStream(Url, OkStream);
        var request = new ChatRequest([ChatMessage.FromSystem("Be brief."), ChatMessage.FromUser("Name three primes."), ChatMessage.FromAssistant("2, 3, ")])
        {
            ContinueFinalMessage = true,
            MaxOutputTokens = 50,
        };

        var updates = await CollectAsync(CreateProvider(http.Client).GetStreamingResponseAsync(request));

        http.Handler.VerifyNoOutstandingExpectation();
        Assert.That(string.Concat(updates.Select(u => u.Text)), Is.EqualTo(" 5"));
        AssertJsonEqual(sent.Body, """
            {"model":"grok-4",
             "messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Name three primes."},
                         {"role":"assistant","content":"2, 3, "},
                         {"role":"user","content":"Your previous answer was cut off. Continue it from exactly where it stops, even in the middle of a word: write only the rest, without repeating anything and without any introduction."}],
             "max_completion_tokens":50,"stream":true,"stream_options":{"include_usage":true}}
            """);
    }

    [Test]
    public async Task GetResponseAsync_TrailingAssistantMessageWithoutContinuation_IsSentAsHistoryOnly()
    {
        using var http = new ChatCompletionsHttp();
        var sent = http.Expect(Url, Completion("""{"role":"assistant","content":"ok"}"""));

        await CreateProvider(http.Client).GetResponseAsync(new ChatRequest([ChatMessage.FromUser("Hi"), ChatMessage.FromAssistant("Hello")]));

        AssertJsonEqual(sent.Body, """{"model":"grok-4","messages":[{"role":"user","content":"Hi"},{"role":"assistant","content":"Hello"}]}""");
    }

    [Test]
    public async Task GetStreamingResponseAsync_OpenAICompatibleContinuation_SendsTheSameInstruction()
    {
        using var http = new ChatCompletionsHttp();
        var sent = http.ExpectStream("http://127.0.0.1:8000/v1/chat/completions", OkStream);
        var provider = new OpenAICompatibleChatProvider(http.Client, new OpenAICompatibleProviderOptions
        {
            Name = "local",
            BaseUrl = new Uri("http://127.0.0.1:8000/v1"),
            Model = "qwen",
        });
        var request = new ChatRequest([ChatMessage.FromUser("Count."), ChatMessage.FromAssistant("1 2")]) { ContinueFinalMessage = true };

        await CollectAsync(provider.GetStreamingResponseAsync(request));

        AssertJsonEqual(sent.Body, """
            {"model":"qwen",
             "messages":[{"role":"user","content":"Count."},{"role":"assistant","content":"1 2"},
                         {"role":"user","content":"Your previous answer was cut off. Continue it from exactly where it stops, even in the middle of a word: write only the rest, without repeating anything and without any introduction."}],
             "stream":true,"stream_options":{"include_usage":true}}
            """);
    }

    [Test]
    public void CheckRequest_Continuation_IsSupported()
    {
        using var http = new ChatCompletionsHttp();
        var request = new ChatRequest([ChatMessage.FromUser("Count."), ChatMessage.FromAssistant("1 2")]) { ContinueFinalMessage = true };

        Assert.That(CreateProvider(http.Client).CheckRequest(request).IsSupported, Is.True);
    }
}
