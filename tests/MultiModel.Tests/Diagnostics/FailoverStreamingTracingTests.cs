using System.Diagnostics;
using static MultiModel.Tests.Diagnostics.DiagnosticsTestKit;

namespace MultiModel.Tests.Diagnostics;

[Parallelizable(ParallelScope.All)]
public class FailoverStreamingTracingTests
{
    [Test]
    public async Task GetStreamingResponseAsync_StreamRunsToTheEnd_SpansEndOnlyWhenTheStreamEnds()
    {
        var name = UniqueChainName();
        using var meters = new TestMeterFactory();
        using var capture = new TelemetryCapture(name, meters);
        var claude = Claude().EnqueueStream("Two ", "plus ", "two ", "is four.");
        var sut = Chain(name, meters, providers: claude);

        var updates = new List<ChatResponseUpdate>();
        var spansBeforeTheEnd = -1;
        await foreach (var update in sut.GetStreamingResponseAsync(new ChatRequest("What is 2 + 2?")))
        {
            updates.Add(update);
            if (!update.IsFinal)
            {
                spansBeforeTheEnd = Math.Max(spansBeforeTheEnd, capture.Spans.Count);
            }
        }

        var parent = capture.Parent;
        var attempt = capture.Attempts.Single();
        Assert.Multiple(() =>
        {
            Assert.That(updates[^1].IsFinal, Is.True);
            Assert.That(spansBeforeTheEnd, Is.Zero, "no span ends while content is still streaming");
            Assert.That(parent.GetTagItem("multimodel.streaming"), Is.EqualTo(true));
            Assert.That(parent.GetTagItem("multimodel.outcome"), Is.EqualTo("succeeded"));
            Assert.That(parent.GetTagItem("multimodel.final_provider"), Is.EqualTo("claude"));
            Assert.That(attempt.ParentSpanId, Is.EqualTo(parent.SpanId));
            Assert.That(attempt.GetTagItem("multimodel.attempt.outcome"), Is.EqualTo("succeeded"));
            Assert.That(attempt.GetTagItem("gen_ai.response.finish_reasons"), Is.EqualTo(new[] { "stop" }));
            Assert.That(attempt.GetTagItem("gen_ai.usage.output_tokens"), Is.GreaterThan(0L));
            Assert.That(attempt.GetTagItem("gen_ai.response.id") as string, Does.StartWith("fake-"));
            Assert.That(attempt.Duration, Is.LessThanOrEqualTo(parent.Duration));
        });
    }

    [Test]
    public async Task GetStreamingResponseAsync_ConsumerStopsAfterTheFirstUpdate_SpansEndAsAbandonedAndCancelled()
    {
        var name = UniqueChainName();
        using var meters = new TestMeterFactory();
        using var capture = new TelemetryCapture(name, meters);
        var claude = Claude().EnqueueStream("Two ", "plus ", "two ", "is four.");
        var sut = Chain(name, meters, providers: claude);

        await using (var updates = sut.GetStreamingResponseAsync(new ChatRequest("What is 2 + 2?")).GetAsyncEnumerator())
        {
            Assert.That(await updates.MoveNextAsync(), Is.True);
            Assert.That(capture.Spans, Is.Empty, "nothing ends while the consumer still reads");
            Assert.That(capture.StartedSpans, Has.Count.EqualTo(2));
        }

        var parent = capture.Parent;
        var attempt = capture.Attempts.Single();
        Assert.Multiple(() =>
        {
            Assert.That(parent.GetTagItem("multimodel.outcome"), Is.EqualTo("abandoned"));
            Assert.That(parent.Status, Is.EqualTo(ActivityStatusCode.Unset));
            Assert.That(attempt.GetTagItem("multimodel.attempt.outcome"), Is.EqualTo("cancelled"));
            Assert.That(capture.Of("multimodel.attempts").Single()["multimodel.attempt.outcome"], Is.EqualTo("cancelled"));
        });
    }

    [Test]
    public async Task GetStreamingResponseAsync_FirstStreamFailsBeforeContent_FailedSpanThenAnswer()
    {
        var name = UniqueChainName();
        using var meters = new TestMeterFactory();
        using var capture = new TelemetryCapture(name, meters);
        var grok = Grok().EnqueueFailure(HttpError("grok", 429, "rate_limit"));
        var claude = Claude().EnqueueStream("Four.");
        var sut = Chain(name, meters, providers: [grok, claude]);

        await foreach (var _ in sut.GetStreamingResponseAsync(new ChatRequest("What is 2 + 2?")))
        {
        }

        var attempts = capture.Attempts;
        Assert.Multiple(() =>
        {
            Assert.That(attempts[0].Status, Is.EqualTo(ActivityStatusCode.Error));
            Assert.That(attempts[0].GetTagItem("multimodel.error.class"), Is.EqualTo("rate_limited"));
            Assert.That(attempts[0].GetTagItem("multimodel.error.provider_type"), Is.EqualTo("rate_limit"));
            Assert.That(attempts[1].GetTagItem("multimodel.attempt.outcome"), Is.EqualTo("succeeded"));
            Assert.That(capture.Of("multimodel.failovers").Single()["multimodel.failover.reason"], Is.EqualTo("rate_limited"));
        });
    }

    [Test]
    public void GetStreamingResponseAsync_StreamFailsAfterContent_ParentEndsWithError()
    {
        var name = UniqueChainName();
        using var meters = new TestMeterFactory();
        using var capture = new TelemetryCapture(name, meters);
        var claude = Claude().Enqueue(MultiModel.Testing.FakeChatStep.StreamThenFail(HttpError("claude", 529, "overloaded_error"), "Two ", "plus"));
        var sut = Chain(name, meters, providers: claude);

        Assert.ThrowsAsync<ChatFailoverException>(async () =>
        {
            await foreach (var _ in sut.GetStreamingResponseAsync(new ChatRequest("What is 2 + 2?")))
            {
            }
        });

        Assert.Multiple(() =>
        {
            Assert.That(capture.Parent.Status, Is.EqualTo(ActivityStatusCode.Error));
            Assert.That(capture.Parent.GetTagItem("multimodel.failover.reason"), Is.EqualTo("failed_after_content"));
            Assert.That(capture.Attempts.Single().Status, Is.EqualTo(ActivityStatusCode.Error));
            Assert.That(capture.Attempts.Single().GetTagItem("error.type"), Is.EqualTo("529"));
        });
    }
}
