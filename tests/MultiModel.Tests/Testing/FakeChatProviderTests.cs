using MultiModel.Failover;
using MultiModel.Testing;

namespace MultiModel.Tests.Testing;

[Parallelizable(ParallelScope.All)]
public class FakeChatProviderTests
{
    private static ChatRequest Request(string text = "What is 2 + 2?") => new(text);

    [Test]
    public async Task GetResponseAsync_EmptyQueue_UsesDefaultStep()
    {
        var fake = new FakeChatProvider("alpha");

        var response = await fake.GetResponseAsync(Request());

        Assert.That(response.Text, Is.EqualTo("This is a fake answer."));
        Assert.That(response.ProviderName, Is.EqualTo("alpha"));
        Assert.That(response.ModelId, Is.EqualTo("fake-model"));
        Assert.That(response.FinishReason, Is.EqualTo(ChatFinishReason.Stop));
        Assert.That(response.Usage.InputTokens, Is.GreaterThan(0));
        Assert.That(response.Usage.OutputTokens, Is.GreaterThan(0));
    }

    [Test]
    public async Task GetResponseAsync_QueuedSteps_AreUsedInOrderThenDefault()
    {
        var fake = new FakeChatProvider { DefaultStep = FakeChatStep.Answer("default") };
        fake.EnqueueAnswer("one").EnqueueAnswer("two", ChatFinishReason.Length);

        var first = await fake.GetResponseAsync(Request());
        var second = await fake.GetResponseAsync(Request());
        var third = await fake.GetResponseAsync(Request());

        Assert.That(new[] { first.Text, second.Text, third.Text }, Is.EqualTo(new[] { "one", "two", "default" }));
        Assert.That(second.FinishReason, Is.EqualTo(ChatFinishReason.Length));
        Assert.That(second.RawFinishReason, Is.EqualTo("length"));
        Assert.That(fake.PendingStepCount, Is.Zero);
    }

    [Test]
    public async Task GetResponseAsync_RequestNamesModel_AnswerReportsIt()
    {
        var fake = new FakeChatProvider();
        var request = Request();
        request.ModelId = "special-model";

        var response = await fake.GetResponseAsync(request);

        Assert.That(response.ModelId, Is.EqualTo("special-model"));
    }

    [Test]
    public void Metadata_Default_NamesTheFakeSystemAndModel()
    {
        var fake = new FakeChatProvider { DefaultModelId = "m1" };

        Assert.That(fake.Metadata.ProviderSystem, Is.EqualTo("fake"));
        Assert.That(fake.Metadata.DefaultModelId, Is.EqualTo("m1"));
    }

    [Test]
    public async Task GetResponseAsync_QueuedResponse_IsReturnedAsIs()
    {
        var scripted = new ChatResponse { Text = "scripted", ProviderName = "other", FinishReason = ChatFinishReason.ContentFilter };
        var fake = new FakeChatProvider().EnqueueResponse(scripted);

        var response = await fake.GetResponseAsync(Request());

        Assert.That(response, Is.SameAs(scripted));
    }

    [Test]
    public void GetResponseAsync_QueuedFailure_Throws()
    {
        var failure = FakeChatProvider.Failure(status: 529);
        var fake = new FakeChatProvider().EnqueueFailure(failure);

        var ex = Assert.ThrowsAsync<ChatProviderException>(() => fake.GetResponseAsync(Request()));

        Assert.That(ex, Is.SameAs(failure));
        Assert.That(fake.CallCount, Is.EqualTo(1));
    }

    [Test]
    public async Task GetResponseAsync_QueuedStream_JoinsPieces()
    {
        var fake = new FakeChatProvider().EnqueueStream("Hel", "lo", "!");

        var response = await fake.GetResponseAsync(Request());

        Assert.That(response.Text, Is.EqualTo("Hello!"));
    }

    [Test]
    public void GetResponseAsync_StreamThenFailStep_ThrowsWithoutAnswer()
    {
        var failure = FakeChatProvider.StreamFailure();
        var fake = new FakeChatProvider().Enqueue(FakeChatStep.StreamThenFail(failure, "a", "b"));

        Assert.That(() => fake.GetResponseAsync(Request()), Throws.Exception.SameAs(failure));
    }

    [Test]
    public async Task GetResponseAsync_DelayedStep_WaitsOnTheTimeProvider()
    {
        var time = new ManualTimeProvider();
        var fake = new FakeChatProvider(timeProvider: time).Enqueue(FakeChatStep.Answer("late").WithDelay(TimeSpan.FromSeconds(5)));

        var call = fake.GetResponseAsync(Request());
        time.Advance(TimeSpan.FromSeconds(4));
        Assert.That(call.IsCompleted, Is.False);
        time.Advance(TimeSpan.FromSeconds(1));
        var response = await call.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.That(response.Text, Is.EqualTo("late"));
    }

    [Test]
    public void GetResponseAsync_CancelledDuringDelay_ThrowsOperationCanceled()
    {
        var time = new ManualTimeProvider();
        var fake = new FakeChatProvider(timeProvider: time).Enqueue(FakeChatStep.Answer("never").WithDelay(TimeSpan.FromMinutes(1)));
        using var cts = new CancellationTokenSource();

        var call = fake.GetResponseAsync(Request(), cts.Token);
        cts.Cancel();

        Assert.That(async () => await call, Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public void GetResponseAsync_HangStep_EndsOnlyByCancellation()
    {
        var fake = new FakeChatProvider().EnqueueHang();
        using var cts = new CancellationTokenSource();

        var call = fake.GetResponseAsync(Request(), cts.Token);
        Assert.That(call.IsCompleted, Is.False);
        cts.Cancel();

        Assert.That(async () => await call, Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public void GetResponseAsync_TokenAlreadyCancelled_ThrowsAndRecordsNothing()
    {
        var fake = new FakeChatProvider().EnqueueAnswer("unused");

        Assert.That(() => fake.GetResponseAsync(Request(), new CancellationToken(canceled: true)), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(fake.CallCount, Is.Zero);
        Assert.That(fake.PendingStepCount, Is.EqualTo(1));
    }

    [Test]
    public void GetResponseAsync_InvalidRequest_ThrowsArgumentExceptionAndRecordsNothing()
    {
        var fake = new FakeChatProvider();

        Assert.That(() => fake.GetResponseAsync(new ChatRequest()), Throws.ArgumentException);
        Assert.That(() => fake.GetResponseAsync(null!), Throws.ArgumentNullException);
        Assert.That(fake.CallCount, Is.Zero);
    }

    [Test]
    public void CheckRequestCallback_RefusesARequest_CheckSaysWhyAndACallThrowsWithTheSameReasonWithoutRecordingIt()
    {
        var fake = new FakeChatProvider("claude")
        {
            CheckRequestCallback = request => request.Temperature > 1 ? ChatRequestSupport.Unsupported("temperature above 1") : ChatRequestSupport.Supported,
        };
        var hot = new ChatRequest("hi") { Temperature = 1.5 };

        var support = fake.CheckRequest(hot);

        Assert.That(support.Reason, Is.EqualTo("unsupported: temperature above 1"));
        Assert.That(fake.CheckRequest(new ChatRequest("hi") { Temperature = 0.5 }).IsSupported, Is.True);
        Assert.That(() => fake.GetResponseAsync(hot), Throws.ArgumentException.With.Message.Contains("unsupported: temperature above 1"));
        Assert.That(() => fake.GetStreamingResponseAsync(hot).GetAsyncEnumerator().MoveNextAsync().AsTask(), Throws.ArgumentException);
        Assert.That(fake.CallCount, Is.Zero);
    }

    [Test]
    public async Task CheckRequestCallback_InAChain_TheRefusingFakeIsSkippedAndTheNextAnswers()
    {
        var refusing = new FakeChatProvider("first") { CheckRequestCallback = _ => ChatRequestSupport.Unsupported("context-window", "context window: ~152k tokens > 131k") };
        var chain = new FailoverChatClient([refusing, new FakeChatProvider("second").EnqueueAnswer("Paris.")]);

        var response = await chain.GetResponseAsync(Request("Capital of France?"));

        Assert.That(response.Text, Is.EqualTo("Paris."));
        Assert.That(response.Attempts[0].Outcome, Is.EqualTo(ChatAttemptOutcome.Skipped));
        Assert.That(response.Attempts[0].SkipReason, Is.EqualTo("context window: ~152k tokens > 131k"));
        Assert.That(refusing.CallCount, Is.Zero);
    }

    [Test]
    public async Task Requests_AreClonesOfWhatWasSent()
    {
        var fake = new FakeChatProvider();
        var request = Request("first");
        request.Temperature = 0.5;

        await fake.GetResponseAsync(request);
        request.Messages.Add(ChatMessage.FromUser("added later"));
        request.Temperature = 1.5;
        await fake.GetResponseAsync(Request("second"));

        Assert.That(fake.CallCount, Is.EqualTo(2));
        Assert.That(fake.Requests[0], Is.Not.SameAs(request));
        Assert.That(fake.Requests[0].Messages, Has.Count.EqualTo(1));
        Assert.That(fake.Requests[0].Temperature, Is.EqualTo(0.5));
        Assert.That(fake.LastRequest!.Messages[0].Text, Is.EqualTo("second"));
    }

    [Test]
    public async Task GetResponseAsyncCallback_WhenSet_AnswersInsteadOfQueue()
    {
        var fake = new FakeChatProvider().EnqueueAnswer("queued");
        fake.GetResponseAsyncCallback = (request, _) =>
            Task.FromResult(new ChatResponse { Text = "echo: " + request.Messages[0].Text, ProviderName = "cb" });

        var response = await fake.GetResponseAsync(Request("ping"));

        Assert.That(response.Text, Is.EqualTo("echo: ping"));
        Assert.That(fake.PendingStepCount, Is.EqualTo(1));
        Assert.That(fake.CallCount, Is.EqualTo(1));
    }

    [Test]
    public void Failure_ByStatus_IsRealistic()
    {
        var overloaded = FakeChatProvider.Failure(529, providerName: "claude");
        var auth = FakeChatProvider.Failure(401);
        var limited = FakeChatProvider.Failure(429, retryAfter: TimeSpan.FromSeconds(3));

        Assert.That(overloaded.ErrorType, Is.EqualTo("overloaded_error"));
        Assert.That(overloaded.Kind, Is.EqualTo(ChatProviderErrorKind.HttpStatus));
        Assert.That(overloaded.ProviderName, Is.EqualTo("claude"));
        Assert.That(overloaded.IsTransient, Is.True);
        Assert.That(overloaded.RequestId, Does.StartWith("req_"));
        Assert.That(overloaded.ResponseBody, Does.Contain("\"overloaded_error\""));
        Assert.That(auth.IsTransient, Is.False);
        Assert.That(auth.ShouldRetry, Is.False);
        Assert.That(auth.ProviderMessage, Is.EqualTo("invalid x-api-key"));
        Assert.That(limited.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(3)));
        Assert.That(limited.IsTransient, Is.True);
    }

    [Test]
    public void FailureHelpers_HaveTheirKinds()
    {
        Assert.That(FakeChatProvider.StreamFailure().Kind, Is.EqualTo(ChatProviderErrorKind.StreamError));
        Assert.That(FakeChatProvider.StreamFailure().StatusCode, Is.EqualTo(200));
        Assert.That(FakeChatProvider.TransportFailure().Kind, Is.EqualTo(ChatProviderErrorKind.Transport));
        Assert.That(FakeChatProvider.TransportFailure().InnerException, Is.InstanceOf<HttpRequestException>());
        Assert.That(FakeChatProvider.TimeoutFailure().Kind, Is.EqualTo(ChatProviderErrorKind.Timeout));
        Assert.That(FakeChatProvider.MalformedFailure().Kind, Is.EqualTo(ChatProviderErrorKind.MalformedResponse));
        Assert.That(FakeChatProvider.ContextTooLongFailure().IsContextLengthExceeded, Is.True);
        Assert.That(FakeChatProvider.ContextTooLongFailure().IsTransient, Is.False);
        Assert.That(() => FakeChatProvider.Failure(200), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public async Task ConcurrentCalls_AreAllRecorded()
    {
        var fake = new FakeChatProvider();
        for (var i = 0; i < 50; i++)
        {
            fake.EnqueueAnswer(i.ToString());
        }

        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => fake.GetResponseAsync(Request()))));

        Assert.That(answers.Select(a => a.Text), Is.EquivalentTo(Enumerable.Range(0, 50).Select(i => i.ToString())));
        Assert.That(fake.CallCount, Is.EqualTo(50));
    }

    [Test]
    public async Task Reset_ClearsQueueAndRecords()
    {
        var fake = new FakeChatProvider().EnqueueAnswer("a").EnqueueAnswer("b");
        await fake.GetResponseAsync(Request());

        fake.Reset();

        Assert.That(fake.CallCount, Is.Zero);
        Assert.That(fake.PendingStepCount, Is.Zero);
    }
}
