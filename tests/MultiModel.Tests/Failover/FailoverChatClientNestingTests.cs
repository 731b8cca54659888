using MultiModel.Failover;

namespace MultiModel.Tests.Failover;

[Parallelizable(ParallelScope.All)]
public class FailoverChatClientNestingTests
{
    [Test]
    public async Task GetResponseAsync_InnerChainFails_OuterFailsOverWithTheInnersLastClass()
    {
        var inner = new FailoverChatClient(
            [TestChatProvider.Failing("grok-fast", Some.HttpError("grok-fast", 500)), TestChatProvider.Failing("grok-big", Some.HttpError("grok-big", 429))],
            new FailoverChatClientOptions { Name = "grok-chain" });
        var outer = new FailoverChatClient([inner, TestChatProvider.Answering("claude", "4")]);

        var response = await outer.GetResponseAsync(Some.Request());

        Assert.That(response.ProviderName, Is.EqualTo("claude"));
        var innerAttempt = response.Attempts[0];
        Assert.That(innerAttempt.ProviderName, Is.EqualTo("grok-chain"));
        Assert.That(innerAttempt.ErrorClass, Is.EqualTo(ChatErrorClass.RateLimited));
        Assert.That(innerAttempt.StatusCode, Is.EqualTo(429));
        var nested = (ChatFailoverException)innerAttempt.Exception!;
        Assert.That(nested.Attempts, Has.Count.EqualTo(2));
    }

    [Test]
    public void GetResponseAsync_InnerChainFailsFast_OuterFailsFastToo()
    {
        var inner = new FailoverChatClient([TestChatProvider.Failing("grok", Some.HttpError("grok", 422))], new FailoverChatClientOptions { Name = "inner" });
        var claude = TestChatProvider.Answering("claude");
        var outer = new FailoverChatClient([inner, claude]);

        var ex = Assert.ThrowsAsync<ChatFailoverException>(() => outer.GetResponseAsync(Some.Request()));

        Assert.That(ex!.Reason, Is.EqualTo(ChatFailoverReason.FailedFast));
        Assert.That(ex.ErrorClass, Is.EqualTo(ChatErrorClass.InvalidRequest));
        Assert.That(claude.CallCount, Is.Zero);
        Assert.That(((ChatFailoverException)ex.InnerException!).InnerException, Is.InstanceOf<ChatProviderException>());
    }

    [Test]
    public async Task GetResponseAsync_InnerChainBelowThreshold_OuterTriesTheNext()
    {
        var inner = new FailoverChatClient([TestChatProvider.Answering("grok", "cut", ChatFinishReason.Length)], new FailoverChatClientOptions { Name = "inner" });
        var outer = new FailoverChatClient([inner, TestChatProvider.Answering("claude")]);

        var response = await outer.GetResponseAsync(Some.Request());

        Assert.That(response.ProviderName, Is.EqualTo("claude"));
        Assert.That(response.Attempts[0].ErrorClass, Is.EqualTo(ChatErrorClass.Other));
    }

    [Test]
    public async Task GetResponseAsync_InnerChainAnswers_OuterReportsTheInnerAsOneAttempt()
    {
        var inner = new FailoverChatClient(
            [TestChatProvider.Failing("grok", Some.HttpError("grok", 503)), TestChatProvider.Answering("grok-2", "4")],
            new FailoverChatClientOptions { Name = "inner" });
        var outer = new FailoverChatClient([inner, TestChatProvider.Answering("claude")]);

        var response = await outer.GetResponseAsync(Some.Request());

        Assert.That(response.ProviderName, Is.EqualTo("grok-2"));
        Assert.That(response.Attempts.Select(a => a.ProviderName), Is.EqualTo(new[] { "inner" }));
    }

    [Test]
    public async Task GetStreamingResponseAsync_InnerChainFailsBeforeContent_OuterFailsOver()
    {
        var inner = new FailoverChatClient([TestChatProvider.Failing("grok", Some.StreamError("grok"))], new FailoverChatClientOptions { Name = "inner" });
        var outer = new FailoverChatClient([inner, TestChatProvider.Streaming("claude", Some.Text("claude", "4"), Some.Final("claude"))]);

        var updates = await Some.CollectAsync(outer.GetStreamingResponseAsync(Some.Request()));

        Assert.That(string.Concat(updates.Select(u => u.Text)), Is.EqualTo("4"));
        Assert.That(updates[^1].Attempts![0].ErrorClass, Is.EqualTo(ChatErrorClass.StreamError));
    }
}
