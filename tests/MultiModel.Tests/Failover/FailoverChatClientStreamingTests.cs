using System.Runtime.CompilerServices;
using System.Threading.Channels;
using MultiModel.Failover;

namespace MultiModel.Tests.Failover;

[Parallelizable(ParallelScope.All)]
public class FailoverChatClientStreamingTests
{
    [Test]
    public async Task GetStreamingResponseAsync_FirstProviderStreams_PassesUpdatesAndEndsWithTheReport()
    {
        var sut = new FailoverChatClient([TestChatProvider.Streaming("grok", Some.Reasoning("grok", "thinking"), Some.Text("grok", "2 + 2"), Some.Text("grok", " = 4"), Some.Final("grok"))]);

        var updates = await Some.CollectAsync(sut.GetStreamingResponseAsync(Some.Request()));

        Assert.That(updates.Select(u => u.Text ?? u.ReasoningText), Is.EqualTo(new[] { "thinking", "2 + 2", " = 4", null }));
        var final = updates[^1];
        Assert.That(final.IsFinal, Is.True);
        Assert.That(final.FinishReason, Is.EqualTo(ChatFinishReason.Stop));
        Assert.That(final.Usage!.OutputTokens, Is.EqualTo(3));
        Assert.That(final.Confidence!.Value, Is.EqualTo(1.0));
        Assert.That(final.IsBelowThreshold, Is.False);
        Assert.That(final.Attempts!.Single().Outcome, Is.EqualTo(ChatAttemptOutcome.Succeeded));
        Assert.That(final.Attempts![0].Usage!.InputTokens, Is.EqualTo(7));
    }

    [Test]
    public async Task GetStreamingResponseAsync_InBandErrorBeforeContent_FailsOverAndDropsTheHeldReasoning()
    {
        var grok = new TestChatProvider("grok") { GetStreamingResponseAsyncCallback = (_, ct) => Some.Stream([Some.Reasoning("grok", "grok thinks")], Some.StreamError("grok"), ct) };
        var sut = new FailoverChatClient([grok, TestChatProvider.Streaming("claude", Some.Text("claude", "4"), Some.Final("claude"))]);

        var updates = await Some.CollectAsync(sut.GetStreamingResponseAsync(Some.Request()));

        Assert.That(updates.Select(u => u.ProviderName), Is.All.EqualTo("claude"));
        Assert.That(updates.Any(u => u.ReasoningText == "grok thinks"), Is.False);
        Assert.That(updates[^1].Attempts!.Select(a => (a.ProviderName, a.Outcome, a.ErrorClass)), Is.EqualTo(new[]
        {
            ("grok", ChatAttemptOutcome.Failed, ChatErrorClass.StreamError),
            ("claude", ChatAttemptOutcome.Succeeded, ChatErrorClass.None),
        }));
    }

    [Test]
    public async Task GetStreamingResponseAsync_StreamEndsWithoutContent_FailsOverAsMalformed()
    {
        var sut = new FailoverChatClient([TestChatProvider.Streaming("grok", Some.Reasoning("grok", "hm")), TestChatProvider.Streaming("claude", Some.Text("claude", "4"), Some.Final("claude"))]);

        var updates = await Some.CollectAsync(sut.GetStreamingResponseAsync(Some.Request()));

        Assert.That(updates[^1].Attempts![0].ErrorClass, Is.EqualTo(ChatErrorClass.MalformedResponse));
        Assert.That(updates[^1].ProviderName, Is.EqualTo("claude"));
    }

    [Test]
    public void GetStreamingResponseAsync_ErrorAfterContent_ThrowsWithThePartialTextAndDoesNotFailOver()
    {
        var failure = Some.StreamError("grok");
        var grok = new TestChatProvider("grok") { GetStreamingResponseAsyncCallback = (_, ct) => Some.Stream([Some.Text("grok", "The answer"), Some.Text("grok", " is")], failure, ct) };
        var claude = TestChatProvider.Streaming("claude", Some.Text("claude", "4"), Some.Final("claude"));
        var sut = new FailoverChatClient([grok, claude]);
        var received = new List<ChatResponseUpdate>();

        var ex = Assert.ThrowsAsync<ChatFailoverException>(() => Some.CollectAsync(sut.GetStreamingResponseAsync(Some.Request()), received));

        Assert.That(ex!.Reason, Is.EqualTo(ChatFailoverReason.FailedAfterContent));
        Assert.That(ex.PartialText, Is.EqualTo("The answer is"));
        Assert.That(ex.InnerException, Is.SameAs(failure));
        Assert.That(ex.ErrorClass, Is.EqualTo(ChatErrorClass.StreamError));
        Assert.That(string.Concat(received.Select(u => u.Text)), Is.EqualTo("The answer is"));
        Assert.That(claude.CallCount, Is.Zero);
        Assert.That(ex.Attempts.Single().TimeToFirstContent, Is.Not.Null);
    }

    [Test]
    public void GetStreamingResponseAsync_FinalBelowThresholdUnderThrow_ThrowsWithTheWholeText()
    {
        var sut = new FailoverChatClient([TestChatProvider.Streaming("grok", Some.Text("grok", "cut"), Some.Final("grok", ChatFinishReason.Length))]);

        var ex = Assert.ThrowsAsync<ChatFailoverException>(() => Some.CollectAsync(sut.GetStreamingResponseAsync(Some.Request())));

        Assert.That(ex!.Reason, Is.EqualTo(ChatFailoverReason.BelowThresholdAfterContent));
        Assert.That(ex.PartialText, Is.EqualTo("cut"));
        Assert.That(ex.BestResponse!.FinishReason, Is.EqualTo(ChatFinishReason.Length));
        Assert.That(ex.Attempts.Single().Outcome, Is.EqualTo(ChatAttemptOutcome.BelowThreshold));
    }

    [Test]
    public async Task GetStreamingResponseAsync_FinalBelowThresholdUnderReturnBest_FlagsTheFinalUpdate()
    {
        var sut = new FailoverChatClient(
            [TestChatProvider.Streaming("grok", Some.Text("grok", "cut"), Some.Final("grok", ChatFinishReason.Length))],
            new FailoverChatClientOptions { WhenNoneMeetsThreshold = BelowThresholdBehavior.ReturnBest });

        var updates = await Some.CollectAsync(sut.GetStreamingResponseAsync(Some.Request()));

        Assert.That(updates[^1].IsBelowThreshold, Is.True);
        Assert.That(updates[^1].Confidence!.Value, Is.EqualTo(0.3));
    }

    [Test]
    public async Task GetStreamingResponseAsync_CallerCancelsAfterContent_ThrowsCancellationAndReportsCancelled()
    {
        var channel = Channel.CreateUnbounded<ChatResponseUpdate>();
        var grok = new TestChatProvider("grok") { GetStreamingResponseAsyncCallback = (_, ct) => channel.Reader.ReadAllAsync(ct) };
        var claude = TestChatProvider.Streaming("claude", Some.Text("claude", "4"), Some.Final("claude"));
        var seen = new List<ChatAttempt>();
        var sut = new FailoverChatClient([grok, claude], new FailoverChatClientOptions { OnAttempt = seen.Add }, new ManualTimeProvider());
        using var cts = new CancellationTokenSource();
        channel.Writer.TryWrite(Some.Text("grok", "partial"));

        var enumerator = sut.GetStreamingResponseAsync(Some.Request(), cts.Token).GetAsyncEnumerator();
        Assert.That(await enumerator.MoveNextAsync(), Is.True);
        await cts.CancelAsync();

        Assert.That(async () => await enumerator.MoveNextAsync(), Throws.InstanceOf<OperationCanceledException>());
        await enumerator.DisposeAsync();
        Assert.That(claude.CallCount, Is.Zero);
        Assert.That(seen.Select(a => a.Outcome), Is.EqualTo(new[] { ChatAttemptOutcome.Cancelled }));
    }

    [Test]
    public async Task GetStreamingResponseAsync_CallerStopsReadingEarly_AttemptReportedCancelled()
    {
        var seen = new List<ChatAttempt>();
        var sut = new FailoverChatClient(
            [TestChatProvider.Streaming("grok", Some.Text("grok", "a"), Some.Text("grok", "b"), Some.Final("grok"))],
            new FailoverChatClientOptions { OnAttempt = seen.Add });

        await foreach (var update in sut.GetStreamingResponseAsync(Some.Request()))
        {
            Assert.That(update.Text, Is.EqualTo("a"));
            break;
        }

        Assert.That(seen.Single().Outcome, Is.EqualTo(ChatAttemptOutcome.Cancelled));
    }

    [Test]
    public async Task GetStreamingResponseAsync_NoContentBeforeAttemptTimeout_FailsOver()
    {
        var time = new ManualTimeProvider();
        var grok = TestChatProvider.Hanging("grok");
        var sut = new FailoverChatClient([grok, TestChatProvider.Streaming("claude", Some.Text("claude", "4"), Some.Final("claude"))], timeProvider: time);

        var collecting = Some.CollectAsync(sut.GetStreamingResponseAsync(Some.Request()));
        await grok.Called;
        time.Advance(TimeSpan.FromSeconds(10));
        var updates = await collecting;

        Assert.That(updates[^1].Attempts![0].ErrorClass, Is.EqualTo(ChatErrorClass.Timeout));
        Assert.That(updates[^1].Attempts![0].Duration, Is.EqualTo(TimeSpan.FromSeconds(10)));
        Assert.That(updates[^1].ProviderName, Is.EqualTo("claude"));
    }

    [Test]
    public async Task GetStreamingResponseAsync_SilenceAfterContentLongerThanAttemptTimeout_ThrowsTimeoutAfterContent()
    {
        var time = new ManualTimeProvider();
        var channel = Channel.CreateUnbounded<ChatResponseUpdate>();
        var grok = new TestChatProvider("grok") { GetStreamingResponseAsyncCallback = (_, ct) => channel.Reader.ReadAllAsync(ct) };
        var sut = new FailoverChatClient([grok], new FailoverChatClientOptions { AttemptTimeout = TimeSpan.FromSeconds(3) }, time);
        channel.Writer.TryWrite(Some.Text("grok", "half"));

        var enumerator = sut.GetStreamingResponseAsync(Some.Request()).GetAsyncEnumerator();
        Assert.That(await enumerator.MoveNextAsync(), Is.True);
        time.Advance(TimeSpan.FromSeconds(2));
        channel.Writer.TryWrite(Some.Text("grok", " more"));
        Assert.That(await enumerator.MoveNextAsync(), Is.True);
        var next = enumerator.MoveNextAsync();
        time.Advance(TimeSpan.FromSeconds(3));

        var ex = Assert.ThrowsAsync<ChatFailoverException>(async () => await next);
        Assert.That(ex!.Reason, Is.EqualTo(ChatFailoverReason.FailedAfterContent));
        Assert.That(ex.ErrorClass, Is.EqualTo(ChatErrorClass.Timeout));
        Assert.That(ex.PartialText, Is.EqualTo("half more"));
        await enumerator.DisposeAsync();
    }

    [Test]
    public async Task GetStreamingResponseAsync_CallerSlowerThanAttemptTimeout_DoesNotTimeOutAProviderThatIsNotSilent()
    {
        var time = new ManualTimeProvider();
        var channel = Channel.CreateUnbounded<ChatResponseUpdate>();
        var grok = new TestChatProvider("grok") { GetStreamingResponseAsyncCallback = (_, ct) => ReadObservingCancellation(channel.Reader, ct) };
        var sut = new FailoverChatClient([grok], new FailoverChatClientOptions { AttemptTimeout = TimeSpan.FromSeconds(3) }, time);
        channel.Writer.TryWrite(Some.Text("grok", "half"));

        var enumerator = sut.GetStreamingResponseAsync(Some.Request()).GetAsyncEnumerator();
        Assert.That(await enumerator.MoveNextAsync(), Is.True);
        time.Advance(TimeSpan.FromSeconds(2));
        channel.Writer.TryWrite(Some.Text("grok", " more"));
        channel.Writer.TryWrite(Some.Final("grok"));
        channel.Writer.Complete();
        time.Advance(TimeSpan.FromSeconds(5)); // the caller is busy with "half"; the provider already sent the rest

        var rest = new List<ChatResponseUpdate>();
        while (await enumerator.MoveNextAsync())
        {
            rest.Add(enumerator.Current);
        }

        await enumerator.DisposeAsync();
        Assert.That(rest.Select(u => u.Text), Is.EqualTo(new[] { " more", null }));
        Assert.That(rest[^1].Attempts!.Single().Outcome, Is.EqualTo(ChatAttemptOutcome.Succeeded));
    }

    [Test]
    public async Task GetStreamingResponseAsync_CallerSlowerThanAttemptTimeoutOnATailUpdate_DoesNotTimeOutTheProvider()
    {
        var time = new ManualTimeProvider();
        var channel = Channel.CreateUnbounded<ChatResponseUpdate>();
        var grok = new TestChatProvider("grok") { GetStreamingResponseAsyncCallback = (_, ct) => ReadObservingCancellation(channel.Reader, ct) };
        var sut = new FailoverChatClient([grok], new FailoverChatClientOptions { AttemptTimeout = TimeSpan.FromSeconds(3) }, time);
        channel.Writer.TryWrite(Some.Text("grok", "a"));
        channel.Writer.TryWrite(Some.Text("grok", " b"));

        var enumerator = sut.GetStreamingResponseAsync(Some.Request()).GetAsyncEnumerator();
        Assert.That(await enumerator.MoveNextAsync(), Is.True); // the head
        Assert.That(await enumerator.MoveNextAsync(), Is.True); // the first update of the tail
        channel.Writer.TryWrite(Some.Text("grok", " c"));
        channel.Writer.TryWrite(Some.Final("grok"));
        channel.Writer.Complete();
        time.Advance(TimeSpan.FromSeconds(5)); // the caller is busy with " b"; the provider already sent the rest

        var rest = new List<ChatResponseUpdate>();
        while (await enumerator.MoveNextAsync())
        {
            rest.Add(enumerator.Current);
        }

        await enumerator.DisposeAsync();
        Assert.That(rest.Select(u => u.Text), Is.EqualTo(new[] { " c", null }));
        Assert.That(rest[^1].Attempts!.Single().Outcome, Is.EqualTo(ChatAttemptOutcome.Succeeded));
    }

    /// <summary>Reads like a network stream does: every read observes the token, even when the next update is already there.</summary>
    private static async IAsyncEnumerable<ChatResponseUpdate> ReadObservingCancellation(ChannelReader<ChatResponseUpdate> reader, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (reader.TryRead(out var update))
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return update;
            }
        }
    }
}
