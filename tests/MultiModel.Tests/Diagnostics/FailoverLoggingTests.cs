using Microsoft.Extensions.Logging;
using MultiModel.Resilience;
using static MultiModel.Tests.Diagnostics.DiagnosticsTestKit;

namespace MultiModel.Tests.Diagnostics;

[Parallelizable(ParallelScope.All)]
public class FailoverLoggingTests
{
    private const string Prompt = "What is the secret recipe?";
    private const string AnswerText = "The recipe is flour and patience.";

    [Test]
    public async Task GetResponseAsync_Failover_LogsStableEventsWithStructuredValues()
    {
        var logs = new CapturingLoggerProvider(LogLevel.Debug);
        using var meters = new TestMeterFactory();
        var name = UniqueChainName();
        var sut = Chain(name, meters, logs, providers: [Grok().EnqueueFailure(HttpError("grok", 503, "overloaded")), Claude().EnqueueResponse(Answer("claude", AnswerText))]);

        await sut.GetResponseAsync(new ChatRequest(Prompt));

        var records = logs.Records;
        var failed = records.Single(r => r.EventId.Id == 103);
        var failover = records.Single(r => r.EventId.Id == 107);
        var succeeded = records.Single(r => r.EventId.Id == 101);
        Assert.Multiple(() =>
        {
            Assert.That(records.Select(r => r.EventId.Id), Is.EqualTo(new[] { 100, 103, 107, 100, 101, 108 }));
            Assert.That(records.Select(r => r.Category), Is.All.EqualTo("MultiModel.Failover"));
            Assert.That(failed.Level, Is.EqualTo(LogLevel.Warning));
            Assert.That(failed.EventId.Name, Is.EqualTo("AttemptFailed"));
            Assert.That(failed["ChainName"], Is.EqualTo(name));
            Assert.That(failed["ProviderName"], Is.EqualTo("grok"));
            Assert.That(failed["ErrorClass"], Is.EqualTo(ChatErrorClass.ServerError));
            Assert.That(failed["StatusCode"], Is.EqualTo(503));
            Assert.That(failed["ErrorType"], Is.EqualTo("overloaded"));
            Assert.That(failed.Exception, Is.InstanceOf<ChatProviderException>());
            Assert.That(failover.Level, Is.EqualTo(LogLevel.Information));
            Assert.That(failover["FromProvider"], Is.EqualTo("grok"));
            Assert.That(failover["ToProvider"], Is.EqualTo("claude"));
            Assert.That(failover["FailoverReason"], Is.EqualTo("server_error"));
            Assert.That(succeeded.Level, Is.EqualTo(LogLevel.Information));
            Assert.That(succeeded["AttemptIndex"], Is.EqualTo(1));
            Assert.That(records.Select(r => r.Message + string.Join("|", r.State.Values)), Has.None.Contains("recipe"));
        });
    }

    [Test]
    public async Task GetResponseAsync_ProviderCannotTakeTheRequest_LogsTheSkipWithTheReadableReason()
    {
        var logs = new CapturingLoggerProvider(LogLevel.Information);
        using var meters = new TestMeterFactory();
        var grok = Grok();
        grok.CheckRequestCallback = r => r.StopSequences.Count > 4 ? ChatRequestSupport.Unsupported("at most 4 stop sequences (got 6)") : ChatRequestSupport.Supported;
        var sut = Chain(UniqueChainName(), meters, logs, providers: [grok, Claude().EnqueueResponse(Answer("claude"))]);
        var request = new ChatRequest(Prompt);
        foreach (var stop in new[] { "a", "b", "c", "d", "e", "f" })
        {
            request.StopSequences.Add(stop);
        }

        await sut.GetResponseAsync(request);

        var skipped = logs.Records.Single(r => r.EventId.Id == 106);
        Assert.Multiple(() =>
        {
            Assert.That(skipped.EventId.Name, Is.EqualTo("ProviderSkipped"));
            Assert.That(skipped["ProviderName"], Is.EqualTo("grok"));
            Assert.That(skipped["SkipReason"], Is.EqualTo("unsupported: at most 4 stop sequences (got 6)"));
            Assert.That(logs.Records.Any(r => r.EventId.Id == 107), Is.False, "a skip is not a failover");
        });
    }

    [TestCase(401)]
    [TestCase(403)]
    public void GetResponseAsync_CredentialsRefused_LogsAnErrorThatPointsAtTheApiKey(int status)
    {
        var logs = new CapturingLoggerProvider(LogLevel.Information);
        using var meters = new TestMeterFactory();
        var sut = Chain(UniqueChainName(), meters, logs, providers: Claude().EnqueueFailure(HttpError("claude", status, "authentication_error")));

        Assert.ThrowsAsync<ChatFailoverException>(() => sut.GetResponseAsync(new ChatRequest(Prompt)));

        var auth = logs.Records.Single(r => r.EventId.Id == 104);
        Assert.Multiple(() =>
        {
            Assert.That(auth.Level, Is.EqualTo(LogLevel.Error));
            Assert.That(auth.Message, Does.Contain("check the API key"));
            Assert.That(auth["ProviderName"], Is.EqualTo("claude"));
            Assert.That(auth["StatusCode"], Is.EqualTo(status));
            Assert.That(logs.Records.Select(r => r.EventId.Id), Has.No.Member(103));
            Assert.That(logs.Records.Single(r => r.EventId.Id == 109).Level, Is.EqualTo(LogLevel.Warning));
        });
    }

    [Test]
    public async Task GetResponseAsync_ProviderSkipped_LogsTheReason()
    {
        var logs = new CapturingLoggerProvider(LogLevel.Information);
        using var meters = new TestMeterFactory();
        var health = new FixedHealth(new() { ["grok"] = ProviderHealth.Open() });
        var sut = Chain(UniqueChainName(), meters, logs, o => o.HealthSource = health, Grok(), Claude().EnqueueResponse(Answer("claude")));

        await sut.GetResponseAsync(new ChatRequest(Prompt));

        var skipped = logs.Records.Single(r => r.EventId.Id == 106);
        Assert.Multiple(() =>
        {
            Assert.That(skipped.Level, Is.EqualTo(LogLevel.Information));
            Assert.That(skipped["ProviderName"], Is.EqualTo("grok"));
            Assert.That(skipped["SkipReason"], Is.EqualTo("circuit-open"));
        });
    }

    [Test]
    public void GetResponseAsync_BelowThreshold_LogsAWarningWithTheScorers()
    {
        var logs = new CapturingLoggerProvider(LogLevel.Information);
        using var meters = new TestMeterFactory();
        var sut = Chain(UniqueChainName(), meters, logs, providers: Grok().EnqueueResponse(Answer("grok", "Fo", ChatFinishReason.Length)));

        Assert.ThrowsAsync<ChatFailoverException>(() => sut.GetResponseAsync(new ChatRequest(Prompt)));

        var below = logs.Records.Single(r => r.EventId.Id == 102);
        Assert.Multiple(() =>
        {
            Assert.That(below.Level, Is.EqualTo(LogLevel.Warning));
            Assert.That(below["ScorerSources"], Is.EqualTo("structural"));
            Assert.That((double)below["Confidence"]!, Is.LessThan((double)below["Threshold"]!));
        });
    }

    [Test]
    public async Task GetResponseAsync_SensitiveDataEnabledAtTrace_LogsPromptAndAnswerAtTraceOnly()
    {
        var logs = new CapturingLoggerProvider(LogLevel.Trace);
        using var meters = new TestMeterFactory();
        var sut = Chain(UniqueChainName(), meters, logs, o => o.EnableSensitiveData = true, Claude().EnqueueResponse(Answer("claude", AnswerText)));

        await sut.GetResponseAsync(new ChatRequest(Prompt));

        var withContent = logs.Records.Where(r => (r.Message + string.Join("|", r.State.Values)).Contains("recipe", StringComparison.Ordinal)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(withContent.Select(r => r.EventId.Id), Is.EquivalentTo(new[] { 110, 111 }));
            Assert.That(withContent.Select(r => r.Level), Is.All.EqualTo(LogLevel.Trace));
            Assert.That(withContent.Single(r => r.EventId.Id == 110)["Messages"] as string, Does.Contain(Prompt));
            Assert.That(withContent.Single(r => r.EventId.Id == 111)["AnswerText"], Is.EqualTo(AnswerText));
        });
    }

    [TestCase(true, LogLevel.Debug)]
    [TestCase(false, LogLevel.Trace)]
    public async Task GetResponseAsync_SensitiveDataOffOrAboveTrace_LogsNoContent(bool enableSensitiveData, LogLevel level)
    {
        var logs = new CapturingLoggerProvider(level);
        using var meters = new TestMeterFactory();
        var sut = Chain(UniqueChainName(), meters, logs, o => o.EnableSensitiveData = enableSensitiveData, Claude().EnqueueResponse(Answer("claude", AnswerText)));

        await sut.GetResponseAsync(new ChatRequest(Prompt));

        Assert.Multiple(() =>
        {
            Assert.That(logs.Records, Is.Not.Empty);
            Assert.That(logs.Records.Select(r => r.Message + string.Join("|", r.State.Values)), Has.None.Contains("recipe"));
        });
    }
}
