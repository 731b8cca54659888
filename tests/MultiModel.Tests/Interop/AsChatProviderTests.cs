using System.Net;
using System.Text.Json;
using Microsoft.Extensions.AI;
using MultiModel.Failover;
using MultiModel.Interop;
using MultiModel.Tests.Failover;
using MultiModel.Tests.TestSupport;
using AI = Microsoft.Extensions.AI;

namespace MultiModel.Tests.Interop;

[Parallelizable(ParallelScope.All)]
public class AsChatProviderTests
{
    [Test]
    public void CheckRequest_ContinuationOfAPartialAnswer_IsRefusedSoAChainSkipsTheAdapter()
    {
        IChatProvider provider = new FakeChatClient().AsChatProvider("meai");
        var continuation = new ChatRequest([ChatMessage.FromUser("Count."), ChatMessage.FromAssistant("1 2")]) { ContinueFinalMessage = true };

        Assert.That(provider.CheckRequest(continuation).Reason, Is.EqualTo("unsupported: cannot continue a partial answer"));
        Assert.That(provider.CheckRequest(new ChatRequest("Count.")).IsSupported, Is.True);
    }

    [Test]
    public async Task GetResponseAsync_ToolConversation_IsSentAsMeaiContentsAndTheAnswerMappedBack()
    {
        var fake = new FakeChatClient
        {
            GetResponseAsyncCallback = (_, _, _) => Task.FromResult(new AI.ChatResponse(new AI.ChatMessage(AI.ChatRole.Assistant,
            [
                new TextReasoningContent("thinking"),
                new AI.TextContent("Calling."),
                new FunctionCallContent("c2", "weather", new Dictionary<string, object?> { ["latitude"] = "1", ["n"] = 2, ["flag"] = true }),
            ]))
            {
                ResponseId = "r1",
                ModelId = "m1",
                FinishReason = AI.ChatFinishReason.ToolCalls,
                Usage = new UsageDetails { InputTokenCount = 11, OutputTokenCount = 4, ReasoningTokenCount = 1 },
            }),
        };
        var provider = fake.AsChatProvider("meai");
        var request = ToolTestData.AfterToolRoundTrip("c1");
        request.Messages.Add(ChatMessage.FromUser("Again?"));
        request.ToolChoice = ChatToolChoice.Required;
        request.MaxOutputTokens = 50;

        var response = await provider.GetResponseAsync(request);

        var (messages, options) = fake.Calls.Single();
        var sentCall = messages[2].Contents.OfType<FunctionCallContent>().Single();
        var sentResult = messages[3].Contents.OfType<FunctionResultContent>().Single();
        Assert.Multiple(() =>
        {
            Assert.That(messages.Select(m => m.Role), Is.EqualTo(new[] { AI.ChatRole.System, AI.ChatRole.User, AI.ChatRole.Assistant, AI.ChatRole.Tool, AI.ChatRole.User }));
            Assert.That((sentCall.CallId, sentCall.Name, ((JsonElement)sentCall.Arguments!["latitude"]!).GetString()), Is.EqualTo(("c1", "weather", "52.5200")));
            Assert.That((sentResult.CallId, sentResult.Result), Is.EqualTo(("c1", (object)"15 C, wind 10 km/h")));
            Assert.That(options!.Tools!.OfType<AIFunctionDeclaration>().Single().Name, Is.EqualTo("weather"));
            Assert.That(options.ToolMode, Is.EqualTo(ChatToolMode.RequireAny));
            Assert.That(options.MaxOutputTokens, Is.EqualTo(50));
            Assert.That(response.Text, Is.EqualTo("Calling."));
            Assert.That(response.ReasoningText, Is.EqualTo("thinking"));
            Assert.That(response.ProviderName, Is.EqualTo("meai"));
            Assert.That(response.ToolCalls.Single().ArgumentsJson, Is.EqualTo("""{"latitude":"1","n":2,"flag":true}"""));
            Assert.That(response.FinishReason, Is.EqualTo(ChatFinishReason.ToolCalls));
            Assert.That((response.Usage.InputTokens, response.Usage.OutputTokens, response.Usage.ReasoningTokens), Is.EqualTo((11L, 4L, 1L)));
            Assert.That((response.ResponseId, response.ModelId), Is.EqualTo(("r1", "m1")));
        });
    }

    private static IEnumerable<TestCaseData> Failures()
    {
        yield return new TestCaseData(new HttpRequestException("busy", null, HttpStatusCode.TooManyRequests), ChatProviderErrorKind.HttpStatus, 429).SetName("GetResponseAsync_HttpStatus429_BecomesHttpStatusError");
        yield return new TestCaseData(new HttpRequestException("refused"), ChatProviderErrorKind.Transport, null).SetName("GetResponseAsync_HttpWithoutStatus_BecomesTransportError");
        yield return new TestCaseData(new IOException("reset"), ChatProviderErrorKind.Transport, null).SetName("GetResponseAsync_IOException_BecomesTransportError");
        yield return new TestCaseData(new TimeoutException("slow"), ChatProviderErrorKind.Timeout, null).SetName("GetResponseAsync_TimeoutException_BecomesTimeout");
        yield return new TestCaseData(new TaskCanceledException("http timeout", new TimeoutException()), ChatProviderErrorKind.Timeout, null).SetName("GetResponseAsync_HttpClientTimeout_BecomesTimeout");
        yield return new TestCaseData(new JsonException("bad"), ChatProviderErrorKind.MalformedResponse, null).SetName("GetResponseAsync_JsonException_BecomesMalformed");
    }

    [TestCaseSource(nameof(Failures))]
    public void GetResponseAsync_ClientFailure_IsWrappedForTheClassifier(Exception failure, ChatProviderErrorKind kind, int? status)
    {
        var provider = FakeChatClient.Failing(failure).AsChatProvider("meai");

        var ex = Assert.ThrowsAsync<ChatProviderException>(() => provider.GetResponseAsync(new ChatRequest("hi")));

        Assert.Multiple(() =>
        {
            Assert.That(ex!.Kind, Is.EqualTo(kind));
            Assert.That(ex.StatusCode, Is.EqualTo(status));
            Assert.That(ex.ProviderName, Is.EqualTo("meai"));
            Assert.That(ex.InnerException, Is.SameAs(failure));
            Assert.That(ex.IsTransient, Is.True);
        });
    }

    [Test]
    public void GetResponseAsync_OtherFailuresAndCallerCancellation_PassThroughUnchanged()
    {
        var other = new InvalidOperationException("sdk specific");
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var cancelled = new FakeChatClient { GetResponseAsyncCallback = (_, _, ct) => Task.FromCanceled<AI.ChatResponse>(ct) };

        Assert.Multiple(() =>
        {
            Assert.That(Assert.ThrowsAsync<InvalidOperationException>(() => FakeChatClient.Failing(other).AsChatProvider("x").GetResponseAsync(new ChatRequest("hi"))), Is.SameAs(other));
            Assert.That(() => cancelled.AsChatProvider("x").GetResponseAsync(new ChatRequest("hi"), cts.Token), Throws.InstanceOf<OperationCanceledException>());
        });
    }

    [Test]
    public void GetResponseAsync_InvalidRequest_ThrowsBeforeCallingTheClient()
    {
        var fake = new FakeChatClient();

        Assert.ThrowsAsync<ArgumentException>(() => fake.AsChatProvider("x").GetResponseAsync(new ChatRequest([ChatMessage.FromToolResult("nope", "r")])));
        Assert.Throws<ArgumentException>(() => fake.AsChatProvider("x").GetStreamingResponseAsync(new ChatRequest([ChatMessage.FromUser(" ")])));
        Assert.That(fake.Calls, Is.Empty);
    }

    [Test]
    public async Task GetResponseAsync_InAFailoverChain_RateLimitedClientFailsOverToTheNext()
    {
        var first = FakeChatClient.Failing(new HttpRequestException("slow down", null, HttpStatusCode.TooManyRequests)).AsChatProvider("first");
        var second = new FakeChatClient
        {
            GetResponseAsyncCallback = (_, _, _) => Task.FromResult(new AI.ChatResponse(new AI.ChatMessage(AI.ChatRole.Assistant, "from second")) { FinishReason = AI.ChatFinishReason.Stop }),
        }.AsChatProvider("second");

        var response = await new FailoverChatClient([first, second]).GetResponseAsync(new ChatRequest("hi"));

        Assert.Multiple(() =>
        {
            Assert.That(response.Text, Is.EqualTo("from second"));
            Assert.That(response.Attempts[0].ErrorClass, Is.EqualTo(ChatErrorClass.RateLimited));
            Assert.That(response.Attempts[0].StatusCode, Is.EqualTo(429));
        });
    }

    [Test]
    public async Task GetStreamingResponseAsync_MeaiUpdates_BecomeTextToolCallAndOneFinalUpdate()
    {
        var fake = new FakeChatClient
        {
            GetStreamingResponseAsyncCallback = (_, _, _) => FakeChatClient.Stream(
            [
                new AI.ChatResponseUpdate(AI.ChatRole.Assistant, "Hel") { ResponseId = "r", ModelId = "m" },
                new AI.ChatResponseUpdate(AI.ChatRole.Assistant, "lo"),
                new AI.ChatResponseUpdate(AI.ChatRole.Assistant, [new FunctionCallContent("c1", "weather", new Dictionary<string, object?>())]),
                new AI.ChatResponseUpdate(AI.ChatRole.Assistant, [new UsageContent(new UsageDetails { InputTokenCount = 3, OutputTokenCount = 2 })]) { FinishReason = AI.ChatFinishReason.ToolCalls },
            ]),
        };

        var updates = await Some.CollectAsync(fake.AsChatProvider("meai").GetStreamingResponseAsync(new ChatRequest("hi")));

        var final = updates[^1];
        Assert.Multiple(() =>
        {
            Assert.That(updates.Select(u => u.Text), Is.EqualTo(new[] { "Hel", "lo", null, null }));
            Assert.That(updates[2].ToolCalls!.Single().Id, Is.EqualTo("c1"));
            Assert.That(updates.Count(u => u.IsFinal), Is.EqualTo(1));
            Assert.That(final.FinishReason, Is.EqualTo(ChatFinishReason.ToolCalls));
            Assert.That((final.Usage!.InputTokens, final.Usage.OutputTokens), Is.EqualTo((3L, 2L)));
            Assert.That((final.ResponseId, final.ModelId), Is.EqualTo(("r", "m")));
        });
    }

    [Test]
    public async Task GetStreamingResponseAsync_ClientFailsBeforeContent_ChainFailsOverWithTheStatus()
    {
        var first = new FakeChatClient
        {
            GetStreamingResponseAsyncCallback = (_, _, _) => FakeChatClient.Stream([], new HttpRequestException("down", null, HttpStatusCode.ServiceUnavailable)),
        }.AsChatProvider("first");
        var second = new TestChatProvider("second")
        {
            GetStreamingResponseAsyncCallback = (_, ct) => Some.Stream([Some.Text("second", "ok"), Some.Final("second")], cancellationToken: ct),
        };

        var updates = await Some.CollectAsync(new FailoverChatClient([first, second]).GetStreamingResponseAsync(new ChatRequest("hi")));

        Assert.Multiple(() =>
        {
            Assert.That(string.Concat(updates.Select(u => u.Text)), Is.EqualTo("ok"));
            Assert.That(updates[^1].Attempts![0].ErrorClass, Is.EqualTo(ChatErrorClass.ServerError));
            Assert.That(updates[^1].Attempts![0].StatusCode, Is.EqualTo(503));
        });
    }

    [Test]
    public void Metadata_ComesFromTheClientsChatClientMetadata()
    {
        var fake = new FakeChatClient { Metadata = new ChatClientMetadata("openai", new Uri("https://example.invalid/v1"), "gpt-x") };

        var metadata = fake.AsChatProvider("oai").Metadata;

        Assert.That((metadata.ProviderSystem, metadata.Endpoint, metadata.DefaultModelId), Is.EqualTo(("openai", new Uri("https://example.invalid/v1"), "gpt-x")));
        Assert.That(new FakeChatClient().AsChatProvider("x").Metadata.ProviderSystem, Is.EqualTo("unknown"));
    }
}
