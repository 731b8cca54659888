using System.Text.RegularExpressions;
using System.Threading.Channels;
using MultiModel.Confidence;
using MultiModel.Failover;

namespace MultiModel.Tests.Failover;

[Parallelizable(ParallelScope.All)]
public class FailoverChatClientStreamingHeadTests
{
    [Test]
    public async Task GetStreamingResponseAsync_HeadRejected_NextProviderAnswersAndNothingOfTheFirstIsReleased()
    {
        var options = new FailoverChatClientOptions { HeadBufferLength = 5 };
        options.Confidence.Scorers.Add(ValidatorConfidenceScorer.Regex(new Regex(@"^\s*\{", RegexOptions.None, TimeSpan.FromSeconds(1)), appliesToPartialText: true));
        var grok = TestChatProvider.Streaming("grok", Some.Text("grok", "Sure"), Some.Text("grok", "! Here"), Some.Text("grok", " is JSON"), Some.Final("grok"));
        var claude = TestChatProvider.Streaming("claude", Some.Text("claude", "{\"a\""), Some.Text("claude", ":1}"), Some.Final("claude"));
        var sut = new FailoverChatClient([grok, claude], options);

        var updates = await Some.CollectAsync(sut.GetStreamingResponseAsync(Some.Request()));

        Assert.That(string.Concat(updates.Select(u => u.Text)), Is.EqualTo("{\"a\":1}"));
        var attempts = updates[^1].Attempts!;
        Assert.That(attempts[0].Outcome, Is.EqualTo(ChatAttemptOutcome.BelowThreshold));
        Assert.That(attempts[0].Confidence!.Opinions.Single().Source, Is.EqualTo("validator:regex"));
        Assert.That(attempts[1].Outcome, Is.EqualTo(ChatAttemptOutcome.Succeeded));
    }

    [Test]
    public async Task GetStreamingResponseAsync_AnswerEndsWithinHeadBelowThreshold_FailsOverOnTheWholeScore()
    {
        var options = new FailoverChatClientOptions { HeadBufferLength = 100 };
        var sut = new FailoverChatClient(
            [TestChatProvider.Streaming("grok", Some.Text("grok", "cut"), Some.Final("grok", ChatFinishReason.Length)), TestChatProvider.Streaming("claude", Some.Text("claude", "4"), Some.Final("claude"))],
            options);

        var updates = await Some.CollectAsync(sut.GetStreamingResponseAsync(Some.Request()));

        Assert.That(updates.Select(u => u.ProviderName), Is.All.EqualTo("claude"));
        Assert.That(updates[^1].Attempts![0].Confidence!.Value, Is.EqualTo(0.3));
    }

    [Test]
    public async Task GetStreamingResponseAsync_ReturnBestAndAllHeldAnswersBelow_ReplaysTheBestHeldAnswer()
    {
        var options = new FailoverChatClientOptions { HeadBufferLength = 100, WhenNoneMeetsThreshold = BelowThresholdBehavior.ReturnBest };
        var sut = new FailoverChatClient(
            [
                TestChatProvider.Streaming("grok", Some.Text("grok", "cut"), Some.Final("grok", ChatFinishReason.Length)),
                TestChatProvider.Streaming("claude", Some.Text("claude", "no"), Some.Final("claude", ChatFinishReason.ContentFilter)),
            ],
            options);

        var updates = await Some.CollectAsync(sut.GetStreamingResponseAsync(Some.Request()));

        Assert.That(string.Concat(updates.Select(u => u.Text)), Is.EqualTo("cut"));
        Assert.That(updates[^1].IsBelowThreshold, Is.True);
        Assert.That(updates[^1].Attempts!.Select(a => a.Outcome), Is.All.EqualTo(ChatAttemptOutcome.BelowThreshold));
    }

    [Test]
    public async Task GetStreamingResponseAsync_ReturnBestAndLastHeadRejected_ReleasesItFlagged()
    {
        var options = new FailoverChatClientOptions { HeadBufferLength = 3, WhenNoneMeetsThreshold = BelowThresholdBehavior.ReturnBest };
        options.Confidence.Scorers.Add(new ValidatorConfidenceScorer("starts-with-brace", t => t.StartsWith('{'), appliesToPartialText: true));
        var sut = new FailoverChatClient([TestChatProvider.Streaming("grok", Some.Text("grok", "plain"), Some.Text("grok", " text"), Some.Final("grok"))], options);

        var updates = await Some.CollectAsync(sut.GetStreamingResponseAsync(Some.Request()));

        Assert.That(string.Concat(updates.Select(u => u.Text)), Is.EqualTo("plain text"));
        Assert.That(updates[^1].IsBelowThreshold, Is.True);
        Assert.That(updates[^1].Attempts!.Single().Outcome, Is.EqualTo(ChatAttemptOutcome.BelowThreshold));
    }

    [Test]
    public async Task GetStreamingResponseAsync_HeadBufferTimePasses_ReleasesTheShortHead()
    {
        var time = new ManualTimeProvider();
        var channel = Channel.CreateUnbounded<ChatResponseUpdate>();
        var grok = new TestChatProvider("grok") { GetStreamingResponseAsyncCallback = (_, ct) => channel.Reader.ReadAllAsync(ct) };
        var sut = new FailoverChatClient([grok], new FailoverChatClientOptions { HeadBufferLength = 1000, HeadBufferTime = TimeSpan.FromMilliseconds(500) }, time);
        channel.Writer.TryWrite(Some.Text("grok", "slow"));

        var enumerator = sut.GetStreamingResponseAsync(Some.Request()).GetAsyncEnumerator();
        var first = enumerator.MoveNextAsync();
        await time.WaitForPendingTimersAsync(2);
        Assert.That(first.IsCompleted, Is.False, "the head is held back");
        time.Advance(TimeSpan.FromMilliseconds(500));
        Assert.That(await first, Is.True);
        Assert.That(enumerator.Current.Text, Is.EqualTo("slow"));
        channel.Writer.TryWrite(Some.Text("grok", " rest"));
        channel.Writer.TryWrite(Some.Final("grok"));
        Assert.That(await enumerator.MoveNextAsync(), Is.True);
        Assert.That(enumerator.Current.Text, Is.EqualTo(" rest"));
        Assert.That(await enumerator.MoveNextAsync(), Is.True);
        Assert.That(enumerator.Current.IsFinal, Is.True);
        Assert.That(await enumerator.MoveNextAsync(), Is.False);
        await enumerator.DisposeAsync();
    }

    [Test]
    public async Task GetStreamingResponseAsync_HedgingDelayPassesWithoutContent_SecondWinsFirstIsCancelled()
    {
        var time = new ManualTimeProvider();
        var grok = TestChatProvider.Hanging("grok");
        var claude = TestChatProvider.Streaming("claude", Some.Text("claude", "4"), Some.Final("claude"));
        var sut = new FailoverChatClient([grok, claude], new FailoverChatClientOptions { HedgingDelay = TimeSpan.FromSeconds(1) }, time);

        var collecting = Some.CollectAsync(sut.GetStreamingResponseAsync(Some.Request()));
        await grok.Called;
        await time.WaitForPendingTimersAsync(2);
        time.Advance(TimeSpan.FromSeconds(1));
        var updates = await collecting;

        Assert.That(string.Concat(updates.Select(u => u.Text)), Is.EqualTo("4"));
        Assert.That(updates[^1].Attempts!.Select(a => (a.ProviderName, a.Outcome, a.Hedged)), Is.EqualTo(new[]
        {
            ("grok", ChatAttemptOutcome.Cancelled, false),
            ("claude", ChatAttemptOutcome.Succeeded, true),
        }));
        Assert.That(updates[^1].Attempts![0].Duration, Is.EqualTo(TimeSpan.FromSeconds(1)));
    }
}
