using Microsoft.Extensions.Time.Testing;
using MultiModel.Confidence;
using MultiModel.Failover;
using MultiModel.Tests.TestSupport;

namespace MultiModel.Tests.Failover;

/// <summary>The engine's stream resumption (<see cref="FailoverChatClientOptions.ResumeStreams"/>) with scripted providers: exact texts, attempts and resumption reports.</summary>
[Parallelizable(ParallelScope.All)]
public class FailoverChatClientResumptionTests
{
    private static readonly FailoverChatClientOptions Resume = new() { ResumeStreams = true };

    [Test]
    public async Task GetStreamingResponseAsync_StreamBreaksAfterContent_NextProviderContinuesThePartialAnswer()
    {
        var grok = Breaking("grok", "The answer", " is");
        var claude = TestChatProvider.Streaming("claude", Some.Text("claude", " 4."), Some.Final("claude"));
        var sut = new FailoverChatClient([grok, claude], Resume);

        var updates = await Some.CollectAsync(sut.GetStreamingResponseAsync(Some.Request()));

        var final = updates[^1];
        Assert.Multiple(() =>
        {
            Assert.That(updates.Select(u => u.Text), Is.EqualTo(new[] { "The answer", " is", " 4.", null }));
            Assert.That(final.ProviderName, Is.EqualTo("claude"));
            Assert.That(final.Resumptions!.Select(r => (r.Offset, r.BrokenProviderName, r.ProviderName, r.OverlapLength)), Is.EqualTo(new[] { (13, "grok", "claude", 0) }));
            Assert.That(final.Attempts!.Select(a => (a.ProviderName, a.Outcome, a.ErrorClass, a.DeliveredTextLength)), Is.EqualTo(new[]
            {
                ("grok", ChatAttemptOutcome.Failed, ChatErrorClass.StreamError, (int?)13),
                ("claude", ChatAttemptOutcome.Succeeded, ChatErrorClass.None, (int?)3),
            }));
            Assert.That(final.Attempts![0].ToString(), Does.Contain("after delivering 13 characters"));
        });
        var continuation = claude.Requests.Single();
        Assert.That(continuation.ContinueFinalMessage, Is.True);
        Assert.That(continuation.Messages.Select(m => (m.Role, m.Text)), Is.EqualTo(new[] { (ChatRole.User, "What is 2 + 2?"), (ChatRole.Assistant, "The answer is") }));
    }

    [Test]
    public async Task GetStreamingResponseAsync_ContinuationRepeatsTheEnd_RemovesTheRepeatFromTheStream()
    {
        var grok = Breaking("grok", "The answer", " is");
        var claude = TestChatProvider.Streaming("claude", Some.Text("claude", "answer"), Some.Text("claude", " is 4."), Some.Final("claude"));
        var sut = new FailoverChatClient([grok, claude], Resume);

        var updates = await Some.CollectAsync(sut.GetStreamingResponseAsync(Some.Request()));

        Assert.That(updates.Select(u => u.Text), Is.EqualTo(new[] { "The answer", " is", " 4.", null }));
        Assert.That(updates[^1].Resumptions!.Single().OverlapLength, Is.EqualTo("answer is".Length));
        Assert.That(updates[^1].Attempts![1].DeliveredTextLength, Is.EqualTo(3));
    }

    [Test]
    public async Task GetStreamingResponseAsync_ContinuationBreaksToo_TheNextProviderContinuesTheWholeAnswer()
    {
        var a = Breaking("a", "One");
        var b = Breaking("b", " two");
        var c = TestChatProvider.Streaming("c", Some.Text("c", " three."), Some.Final("c"));
        var sut = new FailoverChatClient([a, b, c], Resume);

        var updates = await Some.CollectAsync(sut.GetStreamingResponseAsync(Some.Request()));

        Assert.That(string.Concat(updates.Select(u => u.Text)), Is.EqualTo("One two three."));
        Assert.That(updates[^1].Resumptions!.Select(r => (r.Offset, r.BrokenProviderName, r.ProviderName)), Is.EqualTo(new[] { (3, "a", "b"), (7, "b", "c") }));
        Assert.That(c.Requests.Single().Messages[^1].Text, Is.EqualTo("One two"));
        Assert.That(updates[^1].Attempts!.Select(a => a.DeliveredTextLength), Is.EqualTo(new int?[] { 3, 4, 7 }));
    }

    [Test]
    public void GetStreamingResponseAsync_ResumptionOff_FailsAfterContentAsBefore()
    {
        var claude = TestChatProvider.Streaming("claude", Some.Text("claude", " 4."), Some.Final("claude"));
        var sut = new FailoverChatClient([Breaking("grok", "The answer", " is"), claude], new FailoverChatClientOptions { ResumeStreams = false });

        var ex = Assert.ThrowsAsync<ChatFailoverException>(() => Some.CollectAsync(sut.GetStreamingResponseAsync(Some.Request())));

        Assert.That(ex!.Reason, Is.EqualTo(ChatFailoverReason.FailedAfterContent));
        Assert.That(ex.PartialText, Is.EqualTo("The answer is"));
        Assert.That(ex.Attempts.Single().DeliveredTextLength, Is.EqualTo(13));
        Assert.That(claude.CallCount, Is.Zero);
    }

    [Test]
    public void GetStreamingResponseAsync_MaxAttemptsReached_IsNotResumed()
    {
        var claude = TestChatProvider.Streaming("claude", Some.Text("claude", " 4."), Some.Final("claude"));
        var sut = new FailoverChatClient([Breaking("grok", "The answer"), claude], new FailoverChatClientOptions { ResumeStreams = true, MaxAttempts = 1 });

        var ex = Assert.ThrowsAsync<ChatFailoverException>(() => Some.CollectAsync(sut.GetStreamingResponseAsync(Some.Request())));

        Assert.That(ex!.Reason, Is.EqualTo(ChatFailoverReason.FailedAfterContent));
        Assert.That(claude.CallCount, Is.Zero);
    }

    [Test]
    public void GetStreamingResponseAsync_ContinuationFailsBeforeContent_ThrowsFailedAfterContentWithTheDeliveredText()
    {
        var failure = Some.HttpError("claude", 529, "overloaded_error");
        var sut = new FailoverChatClient([Breaking("grok", "The answer"), TestChatProvider.Failing("claude", failure)], Resume);
        var received = new List<ChatResponseUpdate>();

        var ex = Assert.ThrowsAsync<ChatFailoverException>(() => Some.CollectAsync(sut.GetStreamingResponseAsync(Some.Request()), received));

        Assert.That(ex!.Reason, Is.EqualTo(ChatFailoverReason.FailedAfterContent));
        Assert.That(ex.PartialText, Is.EqualTo("The answer"));
        Assert.That(ex.InnerException, Is.SameAs(failure));
        Assert.That(string.Concat(received.Select(u => u.Text)), Is.EqualTo("The answer"));
        Assert.That(ex.Attempts.Select(a => (a.ProviderName, a.Outcome)), Is.EqualTo(new[]
        {
            ("grok", ChatAttemptOutcome.Failed),
            ("claude", ChatAttemptOutcome.Failed),
            ("grok", ChatAttemptOutcome.Failed),
            ("claude", ChatAttemptOutcome.Failed),
        }), "the continuation goes round the chain once more, and each provider fails it");
    }

    [Test]
    public async Task GetStreamingResponseAsync_LastProviderBreaksToo_TheChainGoesRoundOnceMore()
    {
        var calls = 0;
        var grok = new TestChatProvider("grok")
        {
            GetStreamingResponseAsyncCallback = (_, ct) => Interlocked.Increment(ref calls) == 1
                ? Some.Stream([Some.Text("grok", "One")], Some.StreamError("grok"), ct)
                : Some.Stream([Some.Text("grok", " three."), Some.Final("grok")], cancellationToken: ct),
        };
        var sut = new FailoverChatClient([grok, Breaking("claude", " two")], Resume);

        var updates = await Some.CollectAsync(sut.GetStreamingResponseAsync(Some.Request()));

        Assert.That(string.Concat(updates.Select(u => u.Text)), Is.EqualTo("One two three."));
        Assert.That(updates[^1].Resumptions!.Select(r => (r.Offset, r.BrokenProviderName, r.ProviderName)), Is.EqualTo(new[] { (3, "grok", "claude"), (7, "claude", "grok") }));
        Assert.That(updates[^1].Attempts!.Select(a => (a.Index, a.ProviderName, a.Outcome)), Is.EqualTo(new[]
        {
            (0, "grok", ChatAttemptOutcome.Failed),
            (1, "claude", ChatAttemptOutcome.Failed),
            (2, "grok", ChatAttemptOutcome.Succeeded),
        }));
        Assert.That(grok.Requests[1].Messages[^1].Text, Is.EqualTo("One two"));
    }

    [Test]
    public void GetStreamingResponseAsync_EveryProviderBreaksTwice_GivesUpAfterTheSecondRound()
    {
        var grok = BreakingEachTime("grok", "1", " 3");
        var claude = BreakingEachTime("claude", " 2", " 4");
        var sut = new FailoverChatClient([grok, claude], Resume);

        var ex = Assert.ThrowsAsync<ChatFailoverException>(() => Some.CollectAsync(sut.GetStreamingResponseAsync(Some.Request())));

        Assert.That(ex!.Reason, Is.EqualTo(ChatFailoverReason.FailedAfterContent));
        Assert.That(ex.PartialText, Is.EqualTo("1 2 3 4"));
        Assert.That((grok.CallCount, claude.CallCount), Is.EqualTo((2, 2)));
    }

    [Test]
    public void GetStreamingResponseAsync_RequestWithTools_IsNotResumed()
    {
        var claude = TestChatProvider.Streaming("claude", Some.Text("claude", " 4."), Some.Final("claude"));
        var sut = new FailoverChatClient([Breaking("grok", "Let me check"), claude], Resume);
        var request = Some.Request();
        request.Tools.Add(ToolTestData.Weather());

        var ex = Assert.ThrowsAsync<ChatFailoverException>(() => Some.CollectAsync(sut.GetStreamingResponseAsync(request)));

        Assert.That(ex!.Reason, Is.EqualTo(ChatFailoverReason.FailedAfterContent));
        Assert.That(claude.CallCount, Is.Zero);
    }

    [Test]
    public void GetStreamingResponseAsync_JsonSchemaRequest_IsNotResumed()
    {
        var claude = TestChatProvider.Streaming("claude", Some.Text("claude", "30}"), Some.Final("claude"));
        var sut = new FailoverChatClient([Breaking("grok", """{"name":"Ada","age":"""), claude], Resume);
        var request = new ChatRequest("Who?") { ResponseFormat = ToolTestData.PersonFormat() };

        var ex = Assert.ThrowsAsync<ChatFailoverException>(() => Some.CollectAsync(sut.GetStreamingResponseAsync(request)));

        Assert.That(ex!.Reason, Is.EqualTo(ChatFailoverReason.FailedAfterContent));
        Assert.That(claude.CallCount, Is.Zero);
    }

    [Test]
    public void GetStreamingResponseAsync_FailureTheClassifierDoesNotFailOver_IsNotResumed()
    {
        var grok = new TestChatProvider("grok") { GetStreamingResponseAsyncCallback = (_, ct) => Some.Stream([Some.Text("grok", "The answer")], Some.HttpError("grok", 400), ct) };
        var claude = TestChatProvider.Streaming("claude", Some.Text("claude", " 4."), Some.Final("claude"));
        var sut = new FailoverChatClient([grok, claude], Resume);

        var ex = Assert.ThrowsAsync<ChatFailoverException>(() => Some.CollectAsync(sut.GetStreamingResponseAsync(Some.Request())));

        Assert.That(ex!.Reason, Is.EqualTo(ChatFailoverReason.FailedAfterContent));
        Assert.That(ex.ErrorClass, Is.EqualTo(ChatErrorClass.InvalidRequest));
        Assert.That(claude.CallCount, Is.Zero);
    }

    [Test]
    public void GetStreamingResponseAsync_OnlyWhiteSpaceDelivered_IsNotResumed()
    {
        var claude = TestChatProvider.Streaming("claude", Some.Text("claude", "4"), Some.Final("claude"));
        var sut = new FailoverChatClient([Breaking("grok", "\n\n"), claude], Resume);

        var ex = Assert.ThrowsAsync<ChatFailoverException>(() => Some.CollectAsync(sut.GetStreamingResponseAsync(Some.Request())));

        Assert.That(ex!.Reason, Is.EqualTo(ChatFailoverReason.FailedAfterContent));
        Assert.That(claude.CallCount, Is.Zero);
    }

    [Test]
    public async Task GetStreamingResponseAsync_ProviderThatCannotContinue_IsSkippedWithItsReason()
    {
        var refusing = new FakeChatClientProvider("mistral");
        var claude = TestChatProvider.Streaming("claude", Some.Text("claude", " 4."), Some.Final("claude"));
        var sut = new FailoverChatClient([Breaking("grok", "The answer is"), refusing, claude], Resume);

        var updates = await Some.CollectAsync(sut.GetStreamingResponseAsync(Some.Request()));

        Assert.That(string.Concat(updates.Select(u => u.Text)), Is.EqualTo("The answer is 4."));
        var skipped = updates[^1].Attempts![1];
        Assert.That((skipped.ProviderName, skipped.Outcome, skipped.SkipReason), Is.EqualTo(("mistral", ChatAttemptOutcome.Skipped, "unsupported: cannot continue a partial answer")));
    }

    [Test]
    public async Task GetStreamingResponseAsync_ResumedAnswer_IsScoredAsAWhole()
    {
        var options = new FailoverChatClientOptions { ResumeStreams = true, Confidence = new ConfidencePolicy() };
        options.Confidence.Scorers.Add(new ValidatorConfidenceScorer("whole", text => text == "The answer is 4."));
        var claude = TestChatProvider.Streaming("claude", Some.Text("claude", " 4."), Some.Final("claude"));
        var sut = new FailoverChatClient([Breaking("grok", "The answer", " is"), claude], options);

        var updates = await Some.CollectAsync(sut.GetStreamingResponseAsync(Some.Request()));

        Assert.That(updates[^1].Confidence!.MeetsThreshold, Is.True);
        Assert.That(updates[^1].IsBelowThreshold, Is.False);
    }

    [Test]
    public void GetStreamingResponseAsync_ResumedAnswerBelowThreshold_ThrowsBelowThresholdAfterContentWithTheWholeText()
    {
        var claude = TestChatProvider.Streaming("claude", Some.Text("claude", " 4"), Some.Final("claude", ChatFinishReason.Length));
        var sut = new FailoverChatClient([Breaking("grok", "The answer is"), claude], Resume);

        var ex = Assert.ThrowsAsync<ChatFailoverException>(() => Some.CollectAsync(sut.GetStreamingResponseAsync(Some.Request())));

        Assert.That(ex!.Reason, Is.EqualTo(ChatFailoverReason.BelowThresholdAfterContent));
        Assert.That(ex.PartialText, Is.EqualTo("The answer is 4"));
        Assert.That(ex.BestResponse!.Text, Is.EqualTo("The answer is 4"));
        Assert.That(ex.BestResponse.Resumptions.Single().ProviderName, Is.EqualTo("claude"));
    }

    [Test]
    public async Task GetStreamingResponseAsync_StallBetweenUpdates_IsABreakThatIsResumed()
    {
        var time = new FakeTimeProvider();
        var stalled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var grok = new TestChatProvider("grok") { GetStreamingResponseAsyncCallback = (_, ct) => StallAfter(Some.Text("grok", "The answer"), stalled, ct) };
        var claude = TestChatProvider.Streaming("claude", Some.Text("claude", " is 4."), Some.Final("claude"));
        var sut = new FailoverChatClient([grok, claude], new FailoverChatClientOptions { ResumeStreams = true, AttemptTimeout = TimeSpan.FromSeconds(5) }, time);

        var collect = Some.CollectAsync(sut.GetStreamingResponseAsync(Some.Request()));
        await stalled.Task;
        time.Advance(TimeSpan.FromSeconds(5));
        var updates = await collect;

        Assert.That(string.Concat(updates.Select(u => u.Text)), Is.EqualTo("The answer is 4."));
        Assert.That(updates[^1].Attempts![0].ErrorClass, Is.EqualTo(ChatErrorClass.Timeout));
    }

    [Test]
    public async Task GetStreamingResponseAsync_HeadBuffer_HoldsTheContinuationsHeadToo()
    {
        var options = new FailoverChatClientOptions { ResumeStreams = true, HeadBufferLength = 6 };
        var claude = TestChatProvider.Streaming("claude", Some.Text("claude", " 4"), Some.Text("claude", ", surely"), Some.Text("claude", "."), Some.Final("claude"));
        var sut = new FailoverChatClient([Breaking("grok", "The answer", " is"), claude], options);

        var updates = await Some.CollectAsync(sut.GetStreamingResponseAsync(Some.Request()));

        Assert.That(string.Concat(updates.Select(u => u.Text)), Is.EqualTo("The answer is 4, surely."));
        Assert.That(updates[^1].Resumptions!.Single().Offset, Is.EqualTo(13));
    }

    [Test]
    public async Task GetStreamingResponseAsync_HedgingOn_ResumesWithTheProvidersNotTried()
    {
        var options = new FailoverChatClientOptions { ResumeStreams = true, HedgingDelay = TimeSpan.FromHours(1) };
        var c = TestChatProvider.Streaming("c", Some.Text("c", " 4."), Some.Final("c"));
        var sut = new FailoverChatClient([Breaking("a", "The answer is"), c], options, new FakeTimeProvider());

        var updates = await Some.CollectAsync(sut.GetStreamingResponseAsync(Some.Request()));

        Assert.That(string.Concat(updates.Select(u => u.Text)), Is.EqualTo("The answer is 4."));
    }

    [Test]
    public async Task GetStreamingResponseAsync_NestedChainResumesInside_OuterFinalUpdateReportsItsResumption()
    {
        var inner = new FailoverChatClient(
            [Breaking("grok", "The answer"), TestChatProvider.Streaming("claude", Some.Text("claude", " is 4."), Some.Final("claude"))],
            new FailoverChatClientOptions { Name = "inner", ResumeStreams = true });
        var outer = new FailoverChatClient([Breaking("first", "So:"), inner], new FailoverChatClientOptions { ResumeStreams = true });

        var updates = await Some.CollectAsync(outer.GetStreamingResponseAsync(Some.Request()));

        Assert.That(string.Concat(updates.Select(u => u.Text)), Is.EqualTo("So:The answer is 4."));
        Assert.That(updates[^1].Resumptions!.Select(r => (r.Offset, r.BrokenProviderName, r.ProviderName)), Is.EqualTo(new[] { (3, "first", "grok"), (13, "grok", "claude") }));
    }

    [Test]
    public async Task GetStreamingResponseAsync_CallerCancelsDuringTheContinuation_ThrowsCancellation()
    {
        var claude = TestChatProvider.Hanging("claude");
        var sut = new FailoverChatClient([Breaking("grok", "The answer"), claude], Resume);
        using var cts = new CancellationTokenSource();

        var collect = Some.CollectAsync(sut.GetStreamingResponseAsync(Some.Request(), cts.Token));
        await claude.Called;
        await cts.CancelAsync();

        Assert.That(async () => await collect, Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public async Task GetResponseAsync_ResumptionOn_WholeAnswersFailOverAsBefore()
    {
        var sut = new FailoverChatClient([TestChatProvider.Failing("grok", Some.HttpError("grok", 503)), TestChatProvider.Answering("claude", "4")], Resume);

        var response = await sut.GetResponseAsync(Some.Request());

        Assert.That((response.ProviderName, response.Text), Is.EqualTo(("claude", "4")));
        Assert.That(response.Resumptions, Is.Empty);
    }

    /// <summary>A provider that streams some text, then sends an error event.</summary>
    private static TestChatProvider Breaking(string name, params string[] texts) =>
        new(name) { GetStreamingResponseAsyncCallback = (_, ct) => Some.Stream([.. texts.Select(t => Some.Text(name, t))], Some.StreamError(name), ct) };

    /// <summary>A provider that streams the next of the texts on each call, then sends an error event.</summary>
    private static TestChatProvider BreakingEachTime(string name, params string[] texts)
    {
        var calls = -1;
        return new(name) { GetStreamingResponseAsyncCallback = (_, ct) => Some.Stream([Some.Text(name, texts[Interlocked.Increment(ref calls)])], Some.StreamError(name), ct) };
    }

    private static async IAsyncEnumerable<ChatResponseUpdate> StallAfter(ChatResponseUpdate first, TaskCompletionSource stalled, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        yield return first;
        stalled.TrySetResult();
        await Task.Delay(Timeout.Infinite, cancellationToken);
    }

    /// <summary>A provider that relies on the interface's default <see cref="IChatProvider.CheckRequest"/>, as an adapter of another client library does.</summary>
    private sealed class FakeChatClientProvider(string name) : IChatProvider
    {
        public string Name => name;

        public Task<ChatResponse> GetResponseAsync(ChatRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(ChatRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
