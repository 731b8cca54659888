using MultiModel.Failover;

namespace MultiModel.Tests.Failover;

[Parallelizable(ParallelScope.All)]
public class FailoverChatClientConstructionTests
{
    [Test]
    public void Constructor_NullProviders_ThrowsArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => new FailoverChatClient(null!));
    }

    [Test]
    public void Constructor_EmptyList_ThrowsArgumentException()
    {
        var ex = Assert.Throws<ArgumentException>(() => new FailoverChatClient([]));
        Assert.That(ex!.Message, Does.Contain("At least one provider"));
    }

    [Test]
    public void Constructor_NullElement_ThrowsArgumentException()
    {
        var ex = Assert.Throws<ArgumentException>(() => new FailoverChatClient([TestChatProvider.Answering("a"), null!]));
        Assert.That(ex!.Message, Does.Contain("Provider 1 is null"));
    }

    [Test]
    public void Constructor_DuplicateNames_ThrowsArgumentException()
    {
        var ex = Assert.Throws<ArgumentException>(() => new FailoverChatClient([TestChatProvider.Answering("grok"), TestChatProvider.Answering("grok")]));
        Assert.That(ex!.Message, Does.Contain("'grok'"));
    }

    [Test]
    public void Constructor_ListChangedAfterwards_KeepsTheSnapshot()
    {
        var providers = new List<IChatProvider> { TestChatProvider.Answering("a") };
        var sut = new FailoverChatClient(providers);

        providers.Add(TestChatProvider.Answering("b"));

        Assert.That(sut.Providers.Select(p => p.Name), Is.EqualTo(new[] { "a" }));
    }

    [Test]
    public void Name_Default_IsFailover()
    {
        var sut = new FailoverChatClient([TestChatProvider.Answering("a")]);

        Assert.That(sut.Name, Is.EqualTo("failover"));
    }

    [Test]
    public void Name_SetInOptions_IsUsed()
    {
        var sut = new FailoverChatClient([TestChatProvider.Answering("a")], new FailoverChatClientOptions { Name = "primary" });

        Assert.That(sut.Name, Is.EqualTo("primary"));
    }

    [Test]
    public void Constructor_OptionsChangedAfterwards_KeepsTheSnapshot()
    {
        var options = new FailoverChatClientOptions();
        var sut = new FailoverChatClient([TestChatProvider.Answering("a", finish: ChatFinishReason.Length)], options);

        options.Confidence.Threshold = 0.1;
        options.WhenNoneMeetsThreshold = BelowThresholdBehavior.ReturnBest;

        var ex = Assert.ThrowsAsync<ChatFailoverException>(() => sut.GetResponseAsync(Some.Request()));
        Assert.That(ex!.Reason, Is.EqualTo(ChatFailoverReason.NoneMetThreshold));
    }

    [TestCase(0)]
    [TestCase(-1)]
    public void MaxAttempts_NotPositive_ThrowsArgumentOutOfRangeException(int value)
    {
        var options = new FailoverChatClientOptions();

        Assert.Throws<ArgumentOutOfRangeException>(() => options.MaxAttempts = value);
    }

    [Test]
    public void Options_InvalidValues_AreRejectedBySetters()
    {
        var options = new FailoverChatClientOptions();

        Assert.Multiple(() =>
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => options.AttemptTimeout = TimeSpan.Zero);
            Assert.Throws<ArgumentOutOfRangeException>(() => options.HedgingDelay = TimeSpan.FromSeconds(-1));
            Assert.Throws<ArgumentOutOfRangeException>(() => options.HeadBufferLength = -1);
            Assert.Throws<ArgumentOutOfRangeException>(() => options.HeadBufferTime = TimeSpan.Zero);
            Assert.Throws<ArgumentException>(() => options.Name = " ");
            Assert.Throws<ArgumentNullException>(() => options.Confidence = null!);
            Assert.Throws<ArgumentNullException>(() => options.ErrorClassifier = null!);
            Assert.DoesNotThrow(() => options.AttemptTimeout = Timeout.InfiniteTimeSpan);
            Assert.DoesNotThrow(() => options.MaxAttempts = null);
        });
    }

    [Test]
    public void GetResponseAsync_NullRequest_ThrowsArgumentNullException()
    {
        var sut = new FailoverChatClient([TestChatProvider.Answering("a")]);

        Assert.ThrowsAsync<ArgumentNullException>(() => sut.GetResponseAsync(null!));
    }

    [Test]
    public void GetResponseAsync_InvalidRequest_ThrowsBeforeAnyProviderIsCalled()
    {
        var provider = TestChatProvider.Answering("a");
        var sut = new FailoverChatClient([provider]);

        var ex = Assert.ThrowsAsync<ArgumentException>(() => sut.GetResponseAsync(new ChatRequest("hi") { Temperature = -1 }));

        Assert.That(ex!.Message, Does.Contain("Temperature"));
        Assert.That(provider.CallCount, Is.Zero);
    }

    [Test]
    public void GetStreamingResponseAsync_InvalidRequest_ThrowsEagerlyBeforeAnyProviderIsCalled()
    {
        var provider = TestChatProvider.Streaming("a", Some.Text("a", "x"), Some.Final("a"));
        var sut = new FailoverChatClient([provider]);

        Assert.Throws<ArgumentException>(() => sut.GetStreamingResponseAsync(new ChatRequest()));
        Assert.Throws<ArgumentNullException>(() => sut.GetStreamingResponseAsync(null!));
        Assert.That(provider.CallCount, Is.Zero);
    }

    [Test]
    public void GetResponseAsync_TokenAlreadyCancelled_ThrowsWithoutCallingAnyProvider()
    {
        var provider = TestChatProvider.Answering("a");
        var sut = new FailoverChatClient([provider]);

        Assert.That(() => sut.GetResponseAsync(Some.Request(), new CancellationToken(canceled: true)), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(provider.CallCount, Is.Zero);
    }

    [Test]
    public void Metadata_NamesTheChainSystemAndTheFirstProvidersModel()
    {
        var first = new MultiModel.Testing.FakeChatProvider("a") { Metadata = new ChatProviderMetadata("xai", new Uri("https://api.x.ai/v1"), "grok-4") };
        var chain = new FailoverChatClient([first, new TestChatProvider("b")]);

        var metadata = ((IChatProvider)chain).Metadata;

        Assert.Multiple(() =>
        {
            Assert.That(metadata.ProviderSystem, Is.EqualTo(FailoverChatClient.SystemName));
            Assert.That(metadata.DefaultModelId, Is.EqualTo("grok-4"));
            Assert.That(metadata.Endpoint, Is.EqualTo(new Uri("https://api.x.ai/v1")));
        });
    }
}
