using Microsoft.Extensions.Logging;
using MultiModel.Testing;
using static MultiModel.Tests.Diagnostics.DiagnosticsTestKit;

namespace MultiModel.Tests.Diagnostics;

/// <summary>A resumed stream in telemetry: an event and a count on the call's span, a metric, a log message; the broken attempt's own span as a failure.</summary>
[Parallelizable(ParallelScope.All)]
public class StreamResumptionTelemetryTests
{
    [Test]
    public async Task GetStreamingResponseAsync_StreamResumed_RecordsTheResumptionInSpanMetricAndLog()
    {
        var name = UniqueChainName();
        using var meters = new TestMeterFactory();
        using var capture = new TelemetryCapture(name, meters);
        var logs = new CapturingLoggerProvider(LogLevel.Information);
        var grok = Grok().Enqueue(FakeChatStep.StreamThenFail(HttpError("grok", 529, "overloaded_error"), "Two ", "plus "));
        var claude = Claude().EnqueueStream("two is four.");
        var sut = Chain(name, meters, logs, o => o.ResumeStreams = true, grok, claude);

        var text = string.Concat((await CollectAsync(sut)).Select(u => u.Text));

        var parent = capture.Parent;
        var resumed = parent.Events.Single(e => e.Name == "multimodel.stream.resumed");
        var tags = resumed.Tags.ToDictionary(t => t.Key, t => t.Value);
        var metric = capture.Of("multimodel.stream.resumptions").Single();
        var log = logs.Records.Single(r => r.EventId.Id == 112);
        Assert.Multiple(() =>
        {
            Assert.That(text, Is.EqualTo("Two plus two is four."));
            Assert.That(parent.GetTagItem("multimodel.resumption_count"), Is.EqualTo(1));
            Assert.That(parent.GetTagItem("multimodel.outcome"), Is.EqualTo("succeeded"));
            Assert.That(parent.GetTagItem("multimodel.final_provider"), Is.EqualTo("claude"));
            Assert.That(tags["multimodel.resumption.from_provider"], Is.EqualTo("grok"));
            Assert.That(tags["multimodel.provider.name"], Is.EqualTo("claude"));
            Assert.That(tags["multimodel.resumption.offset"], Is.EqualTo("Two plus ".Length));
            Assert.That(tags["multimodel.resumption.overlap"], Is.EqualTo(0));
            Assert.That(capture.Attempts.Select(a => a.GetTagItem("multimodel.attempt.outcome")), Is.EqualTo(new[] { "failed", "succeeded" }));
            Assert.That(metric.Value, Is.EqualTo(1));
            Assert.That((metric["multimodel.chain.name"], metric["multimodel.provider.name"], metric["multimodel.resumption.from_provider"]), Is.EqualTo((name, "claude", "grok")));
            Assert.That(log.EventId.Name, Is.EqualTo("StreamResumed"));
            Assert.That((log["FromProvider"], log["ToProvider"], log["Offset"]), Is.EqualTo(("grok", "claude", 9)));
        });
    }

    [Test]
    public void GetStreamingResponseAsync_ResumptionOff_RecordsNoResumption()
    {
        var name = UniqueChainName();
        using var meters = new TestMeterFactory();
        using var capture = new TelemetryCapture(name, meters);
        var grok = Grok().Enqueue(FakeChatStep.StreamThenFail(HttpError("grok", 529, "overloaded_error"), "Two ", "plus "));
        var sut = Chain(name, meters, null, null, grok, Claude().EnqueueStream("two is four."));

        Assert.ThrowsAsync<ChatFailoverException>(() => CollectAsync(sut));

        Assert.That(capture.Parent.Events.Select(e => e.Name), Has.None.EqualTo("multimodel.stream.resumed"));
        Assert.That(capture.Parent.GetTagItem("multimodel.failover.reason"), Is.EqualTo("failed_after_content"));
        Assert.That(capture.Of("multimodel.stream.resumptions"), Is.Empty);
    }

    private static async Task<List<ChatResponseUpdate>> CollectAsync(MultiModel.Failover.FailoverChatClient chain)
    {
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in chain.GetStreamingResponseAsync(new ChatRequest("What is 2 + 2?")))
        {
            updates.Add(update);
        }

        return updates;
    }
}
