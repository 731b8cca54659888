namespace MultiModel.Tests.Abstractions;

[Parallelizable(ParallelScope.All)]
public class ChatRequestContinuationTests
{
    [Test]
    public void Validate_ContinuationEndingWithUserMessage_Throws()
    {
        var request = new ChatRequest("Name three primes.") { ContinueFinalMessage = true };

        var ex = Assert.Throws<ArgumentException>(request.Validate);

        Assert.That(ex!.Message, Does.Contain("ContinueFinalMessage needs a conversation that ends with an assistant message of text only"));
    }

    [Test]
    public void Validate_ContinuationEndingWithToolCalls_Throws()
    {
        var call = ChatToolCall.Parse("call_1", "lookup", "{}");
        var request = new ChatRequest([ChatMessage.FromUser("Look it up."), ChatMessage.FromToolCalls([call], "Looking")]) { ContinueFinalMessage = true };

        Assert.Throws<ArgumentException>(request.Validate);
    }

    [Test]
    public void Validate_ContinuationEndingWithAssistantText_Passes()
    {
        var request = new ChatRequest([ChatMessage.FromUser("Name three primes."), ChatMessage.FromAssistant("2, 3")]) { ContinueFinalMessage = true };

        Assert.DoesNotThrow(request.Validate);
    }

    [Test]
    public void Clone_Continuation_KeepsTheFlag() =>
        Assert.That(new ChatRequest([ChatMessage.FromUser("a"), ChatMessage.FromAssistant("b")]) { ContinueFinalMessage = true }.Clone().ContinueFinalMessage, Is.True);

    [Test]
    public void ToContinuation_Request_AppendsThePartialAnswerAndLeavesTheOriginalAlone()
    {
        var request = new ChatRequest("Name three primes.") { Temperature = 0.2 };

        var continuation = request.ToContinuation("2, 3, ");

        Assert.That(continuation.Messages.Select(m => (m.Role, m.Text)), Is.EqualTo(new[] { (ChatRole.User, "Name three primes."), (ChatRole.Assistant, "2, 3, ") }));
        Assert.That(continuation.ContinueFinalMessage, Is.True);
        Assert.That(continuation.Temperature, Is.EqualTo(0.2));
        Assert.That(request.Messages, Has.Count.EqualTo(1));
        Assert.That(request.ContinueFinalMessage, Is.False);
    }

    [Test]
    public void ToContinuation_RequestThatAlreadyContinues_ExtendsItsPartialAnswer()
    {
        var request = new ChatRequest([ChatMessage.FromUser("Name three primes."), ChatMessage.FromAssistant("2, ")]) { ContinueFinalMessage = true };

        var continuation = request.ToContinuation("3, ");

        Assert.That(continuation.Messages.Select(m => (m.Role, m.Text)), Is.EqualTo(new[] { (ChatRole.User, "Name three primes."), (ChatRole.Assistant, "2, 3, ") }));
        Assert.That(request.Messages[^1].Text, Is.EqualTo("2, "));
    }

    [Test]
    public void CheckRequest_DefaultImplementation_RefusesAContinuationAndTakesTheRest()
    {
        IChatProvider provider = new MinimalProvider();
        var continuation = new ChatRequest([ChatMessage.FromUser("a"), ChatMessage.FromAssistant("b")]) { ContinueFinalMessage = true };

        var refusal = provider.CheckRequest(continuation);

        Assert.That(refusal.IsSupported, Is.False);
        Assert.That(refusal.Reason, Is.EqualTo("unsupported: cannot continue a partial answer"));
        Assert.That(provider.CheckRequest(new ChatRequest("a")).IsSupported, Is.True);
    }

    private sealed class MinimalProvider : IChatProvider
    {
        public string Name => "minimal";

        public Task<ChatResponse> GetResponseAsync(ChatRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(ChatRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
