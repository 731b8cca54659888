using MultiModel.Confidence;
using MultiModel.Failover;

namespace MultiModel.Tests.Failover;

[Parallelizable(ParallelScope.All)]
public class FailoverChatClientThresholdTests
{
    [Test]
    public async Task GetResponseAsync_FirstAnswerBelowThreshold_UsesTheSecond()
    {
        var sut = CreateSut(BelowThresholdBehavior.Throw, TestChatProvider.Answering("grok", "4", ChatFinishReason.Length), TestChatProvider.Answering("claude", "4"));

        var response = await sut.GetResponseAsync(Some.Request());

        Assert.That(response.ProviderName, Is.EqualTo("claude"));
        Assert.That(response.Attempts[0].Outcome, Is.EqualTo(ChatAttemptOutcome.BelowThreshold));
        Assert.That(response.Attempts[0].Confidence!.Value, Is.EqualTo(0.3));
        Assert.That(response.Attempts[0].Usage, Is.Not.Null);
    }

    [Test]
    public void GetResponseAsync_NoneMeetsThresholdUnderThrow_ThrowsWithTheBestAnswer()
    {
        var sut = CreateSut(
            BelowThresholdBehavior.Throw,
            TestChatProvider.Answering("grok", string.Empty),
            TestChatProvider.Answering("claude", "cut", ChatFinishReason.Length));

        var ex = Assert.ThrowsAsync<ChatFailoverException>(() => sut.GetResponseAsync(Some.Request()));

        Assert.That(ex!.Reason, Is.EqualTo(ChatFailoverReason.NoneMetThreshold));
        Assert.That(ex.ErrorClass, Is.EqualTo(ChatErrorClass.None));
        Assert.That(ex.InnerException, Is.Null);
        Assert.That(ex.BestResponse!.Text, Is.EqualTo("cut"));
        Assert.That(ex.BestResponse.IsBelowThreshold, Is.True);
        Assert.That(ex.BestResponse.Attempts, Has.Count.EqualTo(2));
        Assert.That(ex.Attempts.Select(a => a.Outcome), Is.All.EqualTo(ChatAttemptOutcome.BelowThreshold));
    }

    [Test]
    public async Task GetResponseAsync_NoneMeetsThresholdUnderReturnBest_ReturnsTheHighestConfidenceFlagged()
    {
        var sut = CreateSut(
            BelowThresholdBehavior.ReturnBest,
            TestChatProvider.Answering("grok", string.Empty),
            TestChatProvider.Answering("claude", "cut", ChatFinishReason.Length),
            TestChatProvider.Answering("third", "refused", ChatFinishReason.ContentFilter));

        var response = await sut.GetResponseAsync(Some.Request());

        Assert.That(response.ProviderName, Is.EqualTo("claude"));
        Assert.That(response.IsBelowThreshold, Is.True);
        Assert.That(response.Confidence!.Value, Is.EqualTo(0.3));
        Assert.That(response.Attempts, Has.Count.EqualTo(3));
    }

    [Test]
    public void GetResponseAsync_AllFailUnderReturnBest_StillThrows()
    {
        var sut = CreateSut(BelowThresholdBehavior.ReturnBest, TestChatProvider.Failing("grok", Some.HttpError("grok", 500)));

        var ex = Assert.ThrowsAsync<ChatFailoverException>(() => sut.GetResponseAsync(Some.Request()));

        Assert.That(ex!.Reason, Is.EqualTo(ChatFailoverReason.AllFailed));
    }

    [Test]
    public async Task GetResponseAsync_ValidatorRejectsFirstAnswer_UsesTheSecondAndReportsTheOpinions()
    {
        var options = new FailoverChatClientOptions();
        options.Confidence.Scorers.Add(ValidatorConfidenceScorer.Json());
        var sut = new FailoverChatClient([TestChatProvider.Answering("grok", "not json"), TestChatProvider.Answering("claude", """{"sum":4}""")], options);

        var response = await sut.GetResponseAsync(Some.Request());

        Assert.That(response.ProviderName, Is.EqualTo("claude"));
        Assert.That(response.Attempts[0].Confidence!.Opinions.Select(o => o.ToString()), Is.EqualTo(new[] { "structural=1 (complete)", "validator:json=0 (failed)" }));
        Assert.That(response.Confidence!.Opinions.Select(o => o.Source), Is.EqualTo(new[] { "structural", "validator:json" }));
    }

    [Test]
    public void GetResponseAsync_ScorerThrows_ExceptionReachesTheCallerUnwrapped()
    {
        var options = new FailoverChatClientOptions();
        options.Confidence.Scorers.Add(new ValidatorConfidenceScorer("broken", _ => throw new FormatException("scorer bug")));
        var second = TestChatProvider.Answering("claude");
        var sut = new FailoverChatClient([TestChatProvider.Answering("grok"), second], options);

        Assert.ThrowsAsync<FormatException>(() => sut.GetResponseAsync(Some.Request()));
        Assert.That(second.CallCount, Is.Zero);
    }

    [Test]
    public void GetResponseAsync_FailureThenBelowThreshold_ExceptionNamesTheLastFailure()
    {
        var failure = Some.HttpError("grok", 503);
        var sut = CreateSut(BelowThresholdBehavior.Throw, TestChatProvider.Failing("grok", failure), TestChatProvider.Answering("claude", "cut", ChatFinishReason.Length));

        var ex = Assert.ThrowsAsync<ChatFailoverException>(() => sut.GetResponseAsync(Some.Request()));

        Assert.That(ex!.Reason, Is.EqualTo(ChatFailoverReason.NoneMetThreshold));
        Assert.That(ex.InnerException, Is.SameAs(failure));
        Assert.That(ex.ErrorClass, Is.EqualTo(ChatErrorClass.ServerError));
    }

    private static FailoverChatClient CreateSut(BelowThresholdBehavior behavior, params IChatProvider[] providers) =>
        new(providers, new FailoverChatClientOptions { WhenNoneMeetsThreshold = behavior });
}
