using MultiModel.Failover;

namespace MultiModel.Tests.Failover;

[Parallelizable(ParallelScope.All)]
public class FailoverChatClientTimingTests
{
    [Test]
    public async Task GetResponseAsync_CallerCancelsMidAttempt_ThrowsCancellationAndTriesNoOtherProvider()
    {
        var first = TestChatProvider.Hanging("grok");
        var second = TestChatProvider.Answering("claude");
        var seen = new List<ChatAttempt>();
        var sut = new FailoverChatClient([first, second], new FailoverChatClientOptions { OnAttempt = seen.Add }, new ManualTimeProvider());
        using var cts = new CancellationTokenSource();

        var call = sut.GetResponseAsync(Some.Request(), cts.Token);
        await first.Called;
        await cts.CancelAsync();

        Assert.That(async () => await call, Throws.InstanceOf<OperationCanceledException>());
        Assert.That(second.CallCount, Is.Zero);
        Assert.That(seen.Select(a => (a.ProviderName, a.Outcome)), Is.EqualTo(new[] { ("grok", ChatAttemptOutcome.Cancelled) }));
    }

    [Test]
    public async Task GetResponseAsync_ProviderIgnoresCancellation_CallStillEndsAtOnce()
    {
        var never = new TaskCompletionSource<ChatResponse>();
        var first = new TestChatProvider("grok") { GetResponseAsyncCallback = (_, _) => never.Task };
        var sut = new FailoverChatClient([first, TestChatProvider.Answering("claude")], timeProvider: new ManualTimeProvider());
        using var cts = new CancellationTokenSource();

        var call = sut.GetResponseAsync(Some.Request(), cts.Token);
        await first.Called;
        await cts.CancelAsync();

        Assert.That(async () => await call, Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public async Task GetResponseAsync_AttemptTimesOut_FailsOverWithTimeoutClass()
    {
        var time = new ManualTimeProvider();
        var first = TestChatProvider.Hanging("grok");
        var sut = new FailoverChatClient([first, TestChatProvider.Answering("claude")], new FailoverChatClientOptions { AttemptTimeout = TimeSpan.FromSeconds(5) }, time);

        var call = sut.GetResponseAsync(Some.Request());
        await first.Called;
        time.Advance(TimeSpan.FromSeconds(5));
        var response = await call;

        Assert.That(response.ProviderName, Is.EqualTo("claude"));
        var timedOut = response.Attempts[0];
        Assert.That(timedOut.ErrorClass, Is.EqualTo(ChatErrorClass.Timeout));
        Assert.That(timedOut.Exception, Is.InstanceOf<TimeoutException>().With.Message.Contains("5000 ms"));
        Assert.That(timedOut.Duration, Is.EqualTo(TimeSpan.FromSeconds(5)));
    }

    [Test]
    public async Task GetResponseAsync_AttemptNotYetTimedOut_KeepsWaiting()
    {
        var time = new ManualTimeProvider();
        var gate = new TaskCompletionSource<ChatResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = new TestChatProvider("grok") { GetResponseAsyncCallback = (_, _) => gate.Task };
        var sut = new FailoverChatClient([first, TestChatProvider.Answering("claude")], timeProvider: time);

        var call = sut.GetResponseAsync(Some.Request());
        await first.Called;
        time.Advance(TimeSpan.FromSeconds(9.9));
        gate.SetResult(Some.Response("grok", "late but fine"));
        var response = await call;

        Assert.That(response.ProviderName, Is.EqualTo("grok"));
    }

    [Test]
    public async Task GetResponseAsync_HedgingDelayPasses_StartsTheNextAndCancelsTheLoser()
    {
        var time = new ManualTimeProvider();
        var slow = TestChatProvider.Hanging("grok");
        var fast = TestChatProvider.Answering("claude", "4", usage: new ChatUsage { InputTokens = 3, OutputTokens = 1 });
        var sut = new FailoverChatClient([slow, fast], new FailoverChatClientOptions { HedgingDelay = TimeSpan.FromSeconds(2) }, time);

        var call = sut.GetResponseAsync(Some.Request());
        await slow.Called;
        await time.WaitForPendingTimersAsync(2);
        time.Advance(TimeSpan.FromSeconds(2));
        var response = await call;

        Assert.That(response.ProviderName, Is.EqualTo("claude"));
        Assert.That(response.Attempts.Select(a => (a.ProviderName, a.Outcome, a.Hedged)), Is.EqualTo(new[]
        {
            ("grok", ChatAttemptOutcome.Cancelled, false),
            ("claude", ChatAttemptOutcome.Succeeded, true),
        }));
        Assert.That(response.Attempts[0].Duration, Is.EqualTo(TimeSpan.FromSeconds(2)));
        Assert.That(response.Attempts[1].Usage!.OutputTokens, Is.EqualTo(1));
    }

    [Test]
    public async Task GetResponseAsync_HedgedFirstAttemptWinsLater_HedgedOneIsCancelled()
    {
        var time = new ManualTimeProvider();
        var gate = new TaskCompletionSource<ChatResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = new TestChatProvider("grok") { GetResponseAsyncCallback = (_, _) => gate.Task };
        var hedge = TestChatProvider.Hanging("claude");
        var sut = new FailoverChatClient([first, hedge], new FailoverChatClientOptions { HedgingDelay = TimeSpan.FromSeconds(1) }, time);

        var call = sut.GetResponseAsync(Some.Request());
        await first.Called;
        await time.WaitForPendingTimersAsync(2);
        time.Advance(TimeSpan.FromSeconds(1));
        await hedge.Called;
        gate.SetResult(Some.Response("grok", "4"));
        var response = await call;

        Assert.That(response.ProviderName, Is.EqualTo("grok"));
        Assert.That(response.Attempts.Select(a => (a.ProviderName, a.Outcome, a.Hedged)), Is.EqualTo(new[]
        {
            ("grok", ChatAttemptOutcome.Succeeded, false),
            ("claude", ChatAttemptOutcome.Cancelled, true),
        }));
    }

    [Test]
    public async Task GetResponseAsync_NoHedgingDelay_NeverStartsTwoAtOnce()
    {
        var time = new ManualTimeProvider();
        var gate = new TaskCompletionSource<ChatResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = new TestChatProvider("grok") { GetResponseAsyncCallback = (_, _) => gate.Task };
        var second = TestChatProvider.Answering("claude");
        var sut = new FailoverChatClient([first, second], timeProvider: time);

        var call = sut.GetResponseAsync(Some.Request());
        await first.Called;
        time.Advance(TimeSpan.FromSeconds(9));
        gate.SetResult(Some.Response("grok"));
        await call;

        Assert.That(second.CallCount, Is.Zero);
    }
}
