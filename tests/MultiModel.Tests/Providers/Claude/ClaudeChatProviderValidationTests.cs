using System.Net;
using RichardSzalay.MockHttp;

namespace MultiModel.Tests.Providers.Claude;

[Parallelizable(ParallelScope.All)]
public class ClaudeChatProviderValidationTests
{
    private static IEnumerable<TestCaseData> InvalidRequests()
    {
        yield return new TestCaseData(new ChatRequest(), "no messages").SetArgDisplayNames("NoMessages");
        yield return new TestCaseData(new ChatRequest(" "), "empty text").SetArgDisplayNames("BlankText");
        yield return new TestCaseData(new ChatRequest([ChatMessage.FromSystem("rules")]), "only system messages").SetArgDisplayNames("OnlySystem");
        yield return new TestCaseData(new ChatRequest("hi") { Temperature = 1.5 }, "cannot take the request: unsupported: temperature 1.5 outside 0–1").SetArgDisplayNames("Temperature1.5");
        yield return new TestCaseData(new ChatRequest("hi") { Temperature = 2.5 }, "unsupported: temperature 2.5 outside 0–1").SetArgDisplayNames("Temperature2.5");
        yield return new TestCaseData(new ChatRequest("hi") { Temperature = -0.1 }, "Temperature").SetArgDisplayNames("NegativeTemperature");
        yield return new TestCaseData(new ChatRequest("hi") { TopP = 0 }, "TopP").SetArgDisplayNames("TopPZero");
        yield return new TestCaseData(new ChatRequest("hi") { MaxOutputTokens = 0 }, "MaxOutputTokens").SetArgDisplayNames("ZeroMaxTokens");
        yield return new TestCaseData(new ChatRequest("hi") { ModelId = "  " }, "ModelId").SetArgDisplayNames("BlankModel");
        yield return new TestCaseData(new ChatRequest("hi") { TopLogprobs = 2 }, "IncludeLogprobs").SetArgDisplayNames("TopLogprobsWithoutFlag");
        var emptyStop = new ChatRequest("hi");
        emptyStop.StopSequences.Add(string.Empty);
        yield return new TestCaseData(emptyStop, "Stop sequence").SetArgDisplayNames("EmptyStopSequence");
        var nullMessage = new ChatRequest("hi");
        nullMessage.Messages.Add(null!);
        yield return new TestCaseData(nullMessage, "is null").SetArgDisplayNames("NullMessage");
    }

    [TestCaseSource(nameof(InvalidRequests))]
    public void GetResponseAsync_InvalidRequest_ThrowsArgumentExceptionWithoutHttpCall(ChatRequest request, string expectedMessage)
    {
        using var harness = new ClaudeHarness();
        var anyRequest = harness.Http.When("*").Respond(HttpStatusCode.OK);

        var ex = Assert.ThrowsAsync<ArgumentException>(() => harness.Provider.GetResponseAsync(request));

        Assert.Multiple(() =>
        {
            Assert.That(ex.Message, Does.Contain(expectedMessage));
            Assert.That(ex.ParamName, Is.EqualTo("request"));
            Assert.That(harness.Http.GetMatchCount(anyRequest), Is.Zero);
        });
    }

    [TestCaseSource(nameof(InvalidRequests))]
    public void GetStreamingResponseAsync_InvalidRequest_ThrowsAtCallWithoutHttpCall(ChatRequest request, string expectedMessage)
    {
        using var harness = new ClaudeHarness();
        var anyRequest = harness.Http.When("*").Respond(HttpStatusCode.OK);

        var ex = Assert.Throws<ArgumentException>(() => harness.Provider.GetStreamingResponseAsync(request));

        Assert.Multiple(() =>
        {
            Assert.That(ex.Message, Does.Contain(expectedMessage));
            Assert.That(harness.Http.GetMatchCount(anyRequest), Is.Zero);
        });
    }

    [Test]
    public void GetResponseAsync_NullRequest_ThrowsArgumentNullWithoutHttpCall()
    {
        using var harness = new ClaudeHarness();
        var anyRequest = harness.Http.When("*").Respond(HttpStatusCode.OK);

        var ex = Assert.ThrowsAsync<ArgumentNullException>(() => harness.Provider.GetResponseAsync(null!));

        Assert.Multiple(() =>
        {
            Assert.That(ex.ParamName, Is.EqualTo("request"));
            Assert.That(harness.Http.GetMatchCount(anyRequest), Is.Zero);
        });
    }

    [Test]
    public void GetStreamingResponseAsync_NullRequest_ThrowsArgumentNullWithoutHttpCall()
    {
        using var harness = new ClaudeHarness();
        var anyRequest = harness.Http.When("*").Respond(HttpStatusCode.OK);

        var ex = Assert.Throws<ArgumentNullException>(() => harness.Provider.GetStreamingResponseAsync(null!));

        Assert.Multiple(() =>
        {
            Assert.That(ex.ParamName, Is.EqualTo("request"));
            Assert.That(harness.Http.GetMatchCount(anyRequest), Is.Zero);
        });
    }

    [Test]
    public async Task GetResponseAsync_TemperatureOne_IsAcceptedAsTheUpperLimit()
    {
        using var harness = new ClaudeHarness();
        harness.Expect(HttpStatusCode.OK, """{"id":"msg_1","type":"message","content":[{"type":"text","text":"ok"}],"stop_reason":"end_turn"}""");

        var response = await harness.Provider.GetResponseAsync(new ChatRequest("hi") { Temperature = 1.0, TopP = 1.0 });

        Assert.That(response.Text, Is.EqualTo("ok"));
    }
}
