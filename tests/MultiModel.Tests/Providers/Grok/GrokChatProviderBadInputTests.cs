using MultiModel.Tests.Providers.ChatCompletions;
using static MultiModel.Tests.Providers.Grok.GrokTestData;

namespace MultiModel.Tests.Providers.Grok;

[Parallelizable(ParallelScope.All)]
public class GrokChatProviderBadInputTests
{
    private static IEnumerable<TestCaseData> InvalidRequests()
    {
        yield return new TestCaseData(new ChatRequest()).SetArgDisplayNames("no messages");
        yield return new TestCaseData(new ChatRequest([ChatMessage.FromSystem("Only instructions.")])).SetArgDisplayNames("only system");
        yield return new TestCaseData(new ChatRequest(" ")).SetArgDisplayNames("blank text");
        yield return new TestCaseData(new ChatRequest("Hi") { ModelId = "" }).SetArgDisplayNames("empty model");
        yield return new TestCaseData(new ChatRequest("Hi") { MaxOutputTokens = 0 }).SetArgDisplayNames("zero cap");
        yield return new TestCaseData(new ChatRequest("Hi") { Temperature = 2.5 }).SetArgDisplayNames("temperature");
        yield return new TestCaseData(new ChatRequest("Hi") { TopP = 0 }).SetArgDisplayNames("top_p");
        yield return new TestCaseData(new ChatRequest("Hi") { TopLogprobs = 3 }).SetArgDisplayNames("top_logprobs without logprobs");
        yield return new TestCaseData(WithStops(5)).SetArgDisplayNames("five stop sequences");
        yield return new TestCaseData(WithStops(17)).SetArgDisplayNames("seventeen stop sequences");
    }

    [TestCaseSource(nameof(InvalidRequests))]
    public void GetResponseAsync_InvalidRequest_ThrowsArgumentExceptionWithoutHttpCall(ChatRequest request)
    {
        using var http = new ChatCompletionsHttp();
        var any = http.AnswerAnything();

        Assert.ThrowsAsync(Is.InstanceOf<ArgumentException>(), () => CreateProvider(http.Client).GetResponseAsync(request));
        Assert.That(http.Handler.GetMatchCount(any), Is.Zero);
    }

    [TestCaseSource(nameof(InvalidRequests))]
    public void GetStreamingResponseAsync_InvalidRequest_ThrowsArgumentExceptionOnCallWithoutHttpCall(ChatRequest request)
    {
        using var http = new ChatCompletionsHttp();
        var any = http.AnswerAnything();

        Assert.Throws(Is.InstanceOf<ArgumentException>(), () => CreateProvider(http.Client).GetStreamingResponseAsync(request));
        Assert.That(http.Handler.GetMatchCount(any), Is.Zero);
    }

    [Test]
    public void GetResponseAsync_FiveStopSequences_MessageNamesTheLimit()
    {
        using var http = new ChatCompletionsHttp();

        var ex = Assert.ThrowsAsync<ArgumentException>(() => CreateProvider(http.Client).GetResponseAsync(WithStops(5)));

        Assert.That(ex.Message, Does.Contain("at most 4 stop sequences"));
    }

    [Test]
    public void GetResponseAsync_NullRequest_ThrowsArgumentNullException()
    {
        using var http = new ChatCompletionsHttp();

        Assert.ThrowsAsync<ArgumentNullException>(() => CreateProvider(http.Client).GetResponseAsync(null!));
        Assert.Throws<ArgumentNullException>(() => CreateProvider(http.Client).GetStreamingResponseAsync(null!));
    }

    private static ChatRequest WithStops(int count)
    {
        var request = new ChatRequest("Hi");
        for (var i = 0; i < count; i++)
        {
            request.StopSequences.Add("stop" + i);
        }

        return request;
    }
}
