using System.Runtime.CompilerServices;
using MultiModel.Testing;

namespace MultiModel.Tests.Testing;

[Parallelizable(ParallelScope.All)]
public class FakeChatProviderStreamingTests
{
    private static ChatRequest Request(string text = "What is 2 + 2?") => new(text);

    [Test]
    public async Task GetStreamingResponseAsync_QueuedStream_YieldsPiecesThenFinal()
    {
        var fake = new FakeChatProvider("s").EnqueueStream("a", "b", "c");

        var updates = await Collect(fake.GetStreamingResponseAsync(Request()));

        Assert.That(updates.Select(u => u.Text), Is.EqualTo(new[] { "a", "b", "c", null }));
        Assert.That(updates[^1].IsFinal, Is.True);
        Assert.That(updates[^1].FinishReason, Is.EqualTo(ChatFinishReason.Stop));
        Assert.That(updates[^1].Usage!.OutputTokens, Is.GreaterThan(0));
        Assert.That(updates.Select(u => u.ResponseId).Distinct().Count(), Is.EqualTo(1));
        Assert.That(fake.StreamingCallCount, Is.EqualTo(1));
    }

    [Test]
    public async Task GetStreamingResponseAsync_AnswerStep_StreamsOnePieceAndFinal()
    {
        var fake = new FakeChatProvider().EnqueueAnswer("whole", ChatFinishReason.ContentFilter);

        var updates = await Collect(fake.GetStreamingResponseAsync(Request()));

        Assert.That(updates, Has.Count.EqualTo(2));
        Assert.That(updates[0].Text, Is.EqualTo("whole"));
        Assert.That(updates[1].FinishReason, Is.EqualTo(ChatFinishReason.ContentFilter));
    }

    [Test]
    public async Task GetStreamingResponseAsync_StreamThenFail_ThrowsAfterPieces()
    {
        var failure = FakeChatProvider.StreamFailure();
        var fake = new FakeChatProvider().Enqueue(FakeChatStep.StreamThenFail(failure, "a", "b"));
        var received = new List<string?>();

        var ex = Assert.ThrowsAsync<ChatProviderException>(async () =>
        {
            await foreach (var update in fake.GetStreamingResponseAsync(Request()))
            {
                received.Add(update.Text);
            }
        });

        Assert.That(ex, Is.SameAs(failure));
        Assert.That(received, Is.EqualTo(new[] { "a", "b" }));
    }

    [Test]
    public void GetStreamingResponseAsync_FailureStep_ThrowsBeforeAnyPiece()
    {
        var fake = new FakeChatProvider().EnqueueFailure(FakeChatProvider.Failure(429, retryAfter: TimeSpan.FromSeconds(2)));

        var ex = Assert.ThrowsAsync<ChatProviderException>(async () => await Collect(fake.GetStreamingResponseAsync(Request())));

        Assert.That(ex!.StatusCode, Is.EqualTo(429));
        Assert.That(ex.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(2)));
    }

    [Test]
    public async Task GetStreamingResponseAsync_PieceDelay_WaitsBeforeEachPiece()
    {
        var time = new ManualTimeProvider();
        var fake = new FakeChatProvider(timeProvider: time).Enqueue(FakeChatStep.Stream("a", "b").WithPieceDelay(TimeSpan.FromSeconds(1)));
        await using var enumerator = fake.GetStreamingResponseAsync(Request()).GetAsyncEnumerator();

        var first = enumerator.MoveNextAsync().AsTask();
        Assert.That(first.IsCompleted, Is.False);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.That(await first.WaitAsync(TimeSpan.FromSeconds(5)), Is.True);
        Assert.That(enumerator.Current.Text, Is.EqualTo("a"));

        var second = enumerator.MoveNextAsync().AsTask();
        Assert.That(second.IsCompleted, Is.False);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.That(await second.WaitAsync(TimeSpan.FromSeconds(5)), Is.True);
        Assert.That(enumerator.Current.Text, Is.EqualTo("b"));
    }

    [Test]
    public void GetStreamingResponseAsync_CancelledBetweenPieces_ThrowsOperationCanceled()
    {
        var fake = new FakeChatProvider().EnqueueStream("a", "b", "c");
        using var cts = new CancellationTokenSource();

        Assert.That(async () =>
        {
            await foreach (var update in fake.GetStreamingResponseAsync(Request(), cts.Token))
            {
                cts.Cancel();
            }
        }, Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public async Task GetStreamingResponseAsyncCallback_WhenSet_StreamsItsUpdates()
    {
        var fake = new FakeChatProvider { GetStreamingResponseAsyncCallback = (_, ct) => Updates(ct) };

        var updates = await Collect(fake.GetStreamingResponseAsync(Request()));

        Assert.That(updates.Select(u => u.Text), Is.EqualTo(new[] { "x", "y" }));
        Assert.That(fake.CallCount, Is.EqualTo(1));
    }

    [Test]
    public void GetStreamingResponseAsync_NullRequest_ThrowsEagerly() =>
        Assert.That(() => new FakeChatProvider().GetStreamingResponseAsync(null!), Throws.ArgumentNullException);

    private static async Task<List<ChatResponseUpdate>> Collect(IAsyncEnumerable<ChatResponseUpdate> updates)
    {
        var list = new List<ChatResponseUpdate>();
        await foreach (var update in updates)
        {
            list.Add(update);
        }

        return list;
    }

    private static async IAsyncEnumerable<ChatResponseUpdate> Updates([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        cancellationToken.ThrowIfCancellationRequested();
        yield return new ChatResponseUpdate { Text = "x", ProviderName = "cb" };
        yield return new ChatResponseUpdate { Text = "y", ProviderName = "cb", IsFinal = true };
    }
}
