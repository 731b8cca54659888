using System.Diagnostics;
using MultiModel.Resilience;
using static MultiModel.Tests.Diagnostics.DiagnosticsTestKit;

namespace MultiModel.Tests.Diagnostics;

[Parallelizable(ParallelScope.All)]
public class FailoverTracingTests
{
    [Test]
    public async Task GetResponseAsync_FirstProviderAnswers_EmitsParentAndClientAttemptSpanWithGenAiTags()
    {
        var name = UniqueChainName();
        using var meters = new TestMeterFactory();
        using var capture = new TelemetryCapture(name, meters);
        var claude = Claude().EnqueueResponse(Answer("claude"));
        var sut = Chain(name, meters, providers: claude);

        await sut.GetResponseAsync(new ChatRequest("What is 2 + 2?") { MaxOutputTokens = 50 });

        var parent = capture.Parent;
        var attempt = capture.Attempts.Single();
        Assert.Multiple(() =>
        {
            Assert.That(parent.OperationName, Is.EqualTo("failover " + name));
            Assert.That(parent.Kind, Is.EqualTo(ActivityKind.Internal));
            Assert.That(parent.Status, Is.EqualTo(ActivityStatusCode.Unset));
            Assert.That(parent.GetTagItem("multimodel.outcome"), Is.EqualTo("succeeded"));
            Assert.That(parent.GetTagItem("multimodel.final_provider"), Is.EqualTo("claude"));
            Assert.That(parent.GetTagItem("gen_ai.provider.name"), Is.EqualTo("anthropic"));
            Assert.That(parent.GetTagItem("multimodel.attempt_count"), Is.EqualTo(1));

            Assert.That(attempt.OperationName, Is.EqualTo("chat claude-sonnet-4-5"));
            Assert.That(attempt.Kind, Is.EqualTo(ActivityKind.Client));
            Assert.That(attempt.ParentSpanId, Is.EqualTo(parent.SpanId));
            Assert.That(attempt.TraceId, Is.EqualTo(parent.TraceId));
            Assert.That(attempt.Status, Is.EqualTo(ActivityStatusCode.Unset));
            Assert.That(attempt.GetTagItem("gen_ai.operation.name"), Is.EqualTo("chat"));
            Assert.That(attempt.GetTagItem("gen_ai.provider.name"), Is.EqualTo("anthropic"));
            Assert.That(attempt.GetTagItem("gen_ai.request.model"), Is.EqualTo("claude-sonnet-4-5"));
            Assert.That(attempt.GetTagItem("gen_ai.request.max_tokens"), Is.EqualTo(50));
            Assert.That(attempt.GetTagItem("gen_ai.response.model"), Is.EqualTo("claude-model-2025"));
            Assert.That(attempt.GetTagItem("gen_ai.response.id"), Is.EqualTo("resp-claude"));
            Assert.That(attempt.GetTagItem("gen_ai.response.finish_reasons"), Is.EqualTo(new[] { "stop" }));
            Assert.That(attempt.GetTagItem("gen_ai.usage.input_tokens"), Is.EqualTo(12L));
            Assert.That(attempt.GetTagItem("gen_ai.usage.output_tokens"), Is.EqualTo(3L));
            Assert.That(attempt.GetTagItem("server.address"), Is.EqualTo("api.anthropic.com"));
            Assert.That(attempt.GetTagItem("server.port"), Is.EqualTo(443));
            Assert.That(attempt.GetTagItem("multimodel.attempt.index"), Is.EqualTo(0));
            Assert.That(attempt.GetTagItem("multimodel.attempt.outcome"), Is.EqualTo("succeeded"));
            Assert.That(attempt.GetTagItem("multimodel.attempt.hedged"), Is.EqualTo(false));
            Assert.That(attempt.GetTagItem("multimodel.confidence"), Is.EqualTo(1.0).Within(0.2));
            Assert.That(attempt.GetTagItem("multimodel.confidence.sources"), Is.EqualTo(new[] { "structural" }));
            Assert.That(attempt.GetTagItem("error.type"), Is.Null);
            Assert.That(attempt.Events, Is.Empty, "no content without EnableSensitiveData");
            Assert.That(parent.Events, Is.Empty, "no content without EnableSensitiveData");
        });
    }

    [Test]
    public async Task GetResponseAsync_FirstProviderFails503_AttemptSpanIsErrorAndSecondSucceeds()
    {
        var name = UniqueChainName();
        using var meters = new TestMeterFactory();
        using var capture = new TelemetryCapture(name, meters);
        var grok = Grok().EnqueueFailure(HttpError("grok", 503));
        var claude = Claude().EnqueueResponse(Answer("claude"));
        var sut = Chain(name, meters, providers: [grok, claude]);

        await sut.GetResponseAsync(new ChatRequest("What is 2 + 2?"));

        var attempts = capture.Attempts;
        Assert.Multiple(() =>
        {
            Assert.That(attempts, Has.Count.EqualTo(2));
            Assert.That(attempts[0].OperationName, Is.EqualTo("chat grok-4"));
            Assert.That(attempts[0].Status, Is.EqualTo(ActivityStatusCode.Error));
            Assert.That(attempts[0].GetTagItem("gen_ai.provider.name"), Is.EqualTo("xai"));
            Assert.That(attempts[0].GetTagItem("error.type"), Is.EqualTo("503"));
            Assert.That(attempts[0].GetTagItem("multimodel.error.class"), Is.EqualTo("server_error"));
            Assert.That(attempts[0].GetTagItem("multimodel.attempt.outcome"), Is.EqualTo("failed"));
            Assert.That(attempts[0].GetTagItem("server.address"), Is.EqualTo("api.x.ai"));
            Assert.That(attempts[1].Status, Is.EqualTo(ActivityStatusCode.Unset));
            Assert.That(attempts[1].GetTagItem("multimodel.attempt.index"), Is.EqualTo(1));
            Assert.That(attempts.Select(a => a.ParentSpanId), Is.All.EqualTo(capture.Parent.SpanId));
            Assert.That(capture.Parent.GetTagItem("multimodel.final_provider"), Is.EqualTo("claude"));
            Assert.That(capture.Parent.GetTagItem("multimodel.attempt_count"), Is.EqualTo(2));
            Assert.That(capture.Parent.Status, Is.EqualTo(ActivityStatusCode.Unset));
        });
    }

    [Test]
    public async Task GetResponseAsync_HealthSaysCircuitOpen_SkipSpanCarriesTheReason()
    {
        var name = UniqueChainName();
        using var meters = new TestMeterFactory();
        using var capture = new TelemetryCapture(name, meters);
        var grok = Grok();
        var claude = Claude().EnqueueResponse(Answer("claude"));
        var health = new FixedHealth(new() { ["grok"] = ProviderHealth.Open() });
        var sut = Chain(name, meters, configure: o => o.HealthSource = health, providers: [grok, claude]);

        await sut.GetResponseAsync(new ChatRequest("What is 2 + 2?"));

        var skipped = capture.Attempts[0];
        Assert.Multiple(() =>
        {
            Assert.That(grok.CallCount, Is.Zero);
            Assert.That(skipped.OperationName, Is.EqualTo("skip grok"));
            Assert.That(skipped.Kind, Is.EqualTo(ActivityKind.Internal));
            Assert.That(skipped.ParentSpanId, Is.EqualTo(capture.Parent.SpanId));
            Assert.That(skipped.GetTagItem("multimodel.attempt.outcome"), Is.EqualTo("skipped"));
            Assert.That(skipped.GetTagItem("multimodel.attempt.skip_reason"), Is.EqualTo("circuit-open"));
            Assert.That(capture.Attempts[1].GetTagItem("multimodel.attempt.outcome"), Is.EqualTo("succeeded"));
            Assert.That(capture.Parent.GetTagItem("multimodel.attempt_count"), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task GetResponseAsync_ProviderCannotTakeTheRequest_SkipSpanAndMetricCarryTheCategoryAndTheReportTheReason()
    {
        var name = UniqueChainName();
        using var meters = new TestMeterFactory();
        using var capture = new TelemetryCapture(name, meters);
        var claude = Claude();
        claude.CheckRequestCallback = r => r.Temperature > 1 ? ChatRequestSupport.Unsupported("temperature 1.5 outside 0–1") : ChatRequestSupport.Supported;
        var sut = Chain(name, meters, providers: [claude, Grok().EnqueueResponse(Answer("grok"))]);

        var response = await sut.GetResponseAsync(new ChatRequest("What is 2 + 2?") { Temperature = 1.5 });

        var skipped = capture.Attempts[0];
        var counted = capture.Of("multimodel.attempts")[0];
        Assert.Multiple(() =>
        {
            Assert.That(response.Attempts[0].SkipReason, Is.EqualTo("unsupported: temperature 1.5 outside 0–1"));
            Assert.That(skipped.OperationName, Is.EqualTo("skip claude"));
            Assert.That(skipped.GetTagItem("multimodel.attempt.skip_reason"), Is.EqualTo("unsupported"));
            Assert.That(skipped.GetTagItem("gen_ai.provider.name"), Is.EqualTo("anthropic"));
            Assert.That(counted["multimodel.attempt.outcome"], Is.EqualTo("skipped"));
            Assert.That(counted["multimodel.attempt.skip_reason"], Is.EqualTo("unsupported"));
            Assert.That(capture.Of("multimodel.failovers"), Is.Empty, "a skip is not a failover");
            Assert.That(capture.Parent.GetTagItem("multimodel.attempt_count"), Is.EqualTo(1));
        });
    }

    [Test]
    public void GetResponseAsync_NoAnswerMeetsThreshold_AttemptsAndParentShowConfidenceAndError()
    {
        var name = UniqueChainName();
        using var meters = new TestMeterFactory();
        using var capture = new TelemetryCapture(name, meters);
        var grok = Grok().EnqueueResponse(Answer("grok", "Fo", ChatFinishReason.Length));
        var sut = Chain(name, meters, providers: grok);

        var ex = Assert.ThrowsAsync<ChatFailoverException>(() => sut.GetResponseAsync(new ChatRequest("What is 2 + 2?")));

        var attempt = capture.Attempts.Single();
        Assert.Multiple(() =>
        {
            Assert.That(ex!.Reason, Is.EqualTo(ChatFailoverReason.NoneMetThreshold));
            Assert.That(attempt.GetTagItem("multimodel.attempt.outcome"), Is.EqualTo("below_threshold"));
            Assert.That(attempt.GetTagItem("multimodel.below_threshold"), Is.EqualTo(true));
            Assert.That((double)attempt.GetTagItem("multimodel.confidence")!, Is.LessThan((double)attempt.GetTagItem("multimodel.confidence.threshold")!));
            Assert.That(attempt.GetTagItem("multimodel.confidence.sources"), Is.EqualTo(new[] { "structural" }));
            Assert.That(attempt.GetTagItem("gen_ai.response.finish_reasons"), Is.EqualTo(new[] { "length" }));
            Assert.That(capture.Parent.Status, Is.EqualTo(ActivityStatusCode.Error));
            Assert.That(capture.Parent.GetTagItem("multimodel.failover.reason"), Is.EqualTo("none_met_threshold"));
            Assert.That(capture.Parent.GetTagItem("error.type"), Is.EqualTo(typeof(ChatFailoverException).FullName));
            Assert.That(capture.Parent.GetTagItem("multimodel.outcome"), Is.EqualTo("failed"));
        });
    }

    [Test]
    public async Task GetResponseAsync_SensitiveDataEnabled_AddsPromptAndChoiceEvents()
    {
        var name = UniqueChainName();
        using var meters = new TestMeterFactory();
        using var capture = new TelemetryCapture(name, meters);
        var claude = Claude().EnqueueResponse(Answer("claude", "Four, as it happens."));
        var sut = Chain(name, meters, configure: o => o.EnableSensitiveData = true, providers: claude);

        await sut.GetResponseAsync(new ChatRequest("What is 2 + 2?"));

        var input = capture.Parent.Events.Single();
        var choice = capture.Attempts.Single().Events.Single();
        Assert.Multiple(() =>
        {
            Assert.That(input.Name, Is.EqualTo("gen_ai.user.message"));
            Assert.That(input.Tags.Single().Value as string, Does.Contain("What is 2 + 2?"));
            Assert.That(choice.Name, Is.EqualTo("gen_ai.choice"));
            Assert.That(choice.Tags.Single().Value as string, Does.Contain("Four, as it happens.").And.Contain("\"finish_reason\":\"stop\""));
        });
    }

    [Test]
    public async Task GetResponseAsync_CallerHasActivity_ParentSpanIsItsChild()
    {
        var name = UniqueChainName();
        using var meters = new TestMeterFactory();
        using var capture = new TelemetryCapture(name, meters);
        var sut = Chain(name, meters, providers: Claude().EnqueueResponse(Answer("claude")));
        using var outer = new Activity("caller").Start();

        await sut.GetResponseAsync(new ChatRequest("What is 2 + 2?"));

        Assert.Multiple(() =>
        {
            Assert.That(capture.Parent.ParentSpanId, Is.EqualTo(outer.SpanId));
            Assert.That(Activity.Current, Is.SameAs(outer));
        });
    }
}
