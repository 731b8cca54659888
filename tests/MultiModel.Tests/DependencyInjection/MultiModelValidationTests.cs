using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MultiModel.DependencyInjection;

namespace MultiModel.Tests.DependencyInjection;

[Parallelizable(ParallelScope.All)]
public class MultiModelValidationTests
{
    private static OptionsValidationException StartWith(params (string Key, string? Value)[] changes)
    {
        var settings = MultiModelTestContainer.GrokThenClaude(changes);
        return Assert.Throws<OptionsValidationException>(() => MultiModelTestContainer.Create(settings, []).DisposeAsync().AsTask().GetAwaiter().GetResult())!;
    }

    [Test]
    public void Start_MissingApiKey_NamesTheKeyAndItsVariable()
    {
        Assume.That(Environment.GetEnvironmentVariable("ANTHROPIC_API_KEY"), Is.Null, "The fallback variable is set on this machine.");
        var ex = StartWith(("MultiModel:Providers:claude:ApiKey", null));
        Assert.That(ex.Failures, Has.Some.EqualTo("MultiModel:Providers:claude:ApiKey is missing; set it or the ANTHROPIC_API_KEY variable."));
    }

    [Test]
    public void Start_UnknownKind_NamesTheKind()
    {
        var ex = StartWith(("MultiModel:Providers:grok:Kind", "Gemini"));
        Assert.That(ex.Failures, Has.Some.EqualTo("MultiModel:Providers:grok:Kind 'Gemini' is unknown; use Grok, Claude or OpenAICompatible."));
    }

    [Test]
    public void Start_UnknownOrderEntry_ListsTheKnownProviders()
    {
        var ex = StartWith(("MultiModel:Order:1", "gork"));
        Assert.That(ex.Failures, Has.Some.EqualTo("MultiModel:Order:1 names 'gork', which is not a configured provider (known: claude, grok)."));
    }

    [Test]
    public void Start_EmptyOrderEntry_IsRejected()
    {
        var ex = StartWith(("MultiModel:Order:1", ""));
        Assert.That(ex.Failures, Has.Some.EqualTo("MultiModel:Order:1 is empty."));
    }

    [Test]
    public void Start_NoProvidersAtAll_SaysTheOrderIsEmpty()
    {
        var ex = Assert.Throws<OptionsValidationException>(() => MultiModelTestContainer.Create(new Dictionary<string, string?>(), []));
        Assert.That(ex!.Failures, Has.Some.StartsWith("MultiModel:Order is empty"));
    }

    [TestCase("1.5")]
    [TestCase("-0.1")]
    public void Start_ThresholdOutsideZeroToOne_IsRejected(string threshold)
    {
        var ex = StartWith(("MultiModel:Confidence:Threshold", threshold));
        Assert.That(ex.Failures, Has.Some.StartsWith("MultiModel:Confidence:Threshold is invalid: A threshold is between 0 and 1."));
    }

    [Test]
    public void Start_PlainHttpOnARemoteHost_IsRejectedUnlessAllowed()
    {
        var ex = StartWith(("MultiModel:Providers:grok:BaseUrl", "http://grok.internal.test/v1"));
        Assert.That(ex.Failures, Has.Some.EqualTo("MultiModel:Providers:grok:BaseUrl uses plain HTTP on a non-loopback host (grok.internal.test); use HTTPS or set AllowInsecureHttp."));

        var settings = MultiModelTestContainer.GrokThenClaude(("MultiModel:Providers:grok:BaseUrl", "http://grok.internal.test/v1"), ("MultiModel:Providers:grok:AllowInsecureHttp", "true"));
        Assert.DoesNotThrow(() => MultiModelTestContainer.Create(settings, []).DisposeAsync().AsTask().GetAwaiter().GetResult());
    }

    [Test]
    public void Start_PlainHttpOnLoopback_IsAccepted()
    {
        var settings = MultiModelTestContainer.GrokThenClaude(("MultiModel:Providers:grok:BaseUrl", "http://127.0.0.1:8080/v1"));
        Assert.DoesNotThrow(() => MultiModelTestContainer.Create(settings, []).DisposeAsync().AsTask().GetAwaiter().GetResult());
    }

    [Test]
    public void Start_OpenAICompatibleWithoutModel_IsRejected()
    {
        var ex = StartWith(
            ("MultiModel:Providers:local:Kind", "OpenAICompatible"),
            ("MultiModel:Providers:local:BaseUrl", "http://localhost:11434/v1"));
        Assert.That(ex.Failures, Has.Some.EqualTo("MultiModel:Providers:local:Model is required."));
        Assert.That(ex.Failures, Has.None.Contains("local:ApiKey"), "A loopback OpenAI-compatible endpoint may go without a key.");
    }

    [Test]
    public void Start_InvalidResilienceSettings_NameTheirPath()
    {
        var ex = StartWith(("MultiModel:Providers:grok:Resilience:AttemptTimeout", "00:00:00"));
        Assert.That(ex.Failures, Has.Some.StartsWith("MultiModel:Providers:grok:Resilience:AttemptTimeout must be between"));
    }

    [Test]
    public void Start_NamedChainWithUnknownProvider_NamesTheChainPath()
    {
        var settings = MultiModelTestContainer.GrokThenClaude(("MultiModel:Chains:coding:Order:0", "nope"));
        var ex = Assert.Throws<OptionsValidationException>(() =>
            MultiModelTestContainer.Create(settings, [], (services, _) => services.AddMultiModel("coding")));
        Assert.That(ex!.Failures, Has.Some.StartsWith("MultiModel:Chains:coding:Order:0 names 'nope'"));
    }

    [Test]
    public void ToStringAndValidationMessages_NeverShowTheApiKey()
    {
        const string key = "sk-SECRET-never-show-3c1f";
        var ex = StartWith(("MultiModel:Providers:grok:ApiKey", key), ("MultiModel:Providers:grok:BaseUrl", "ftp://" + key + "@grok.test/v1"), ("MultiModel:Providers:grok:Modle", "x"));

        Assert.Multiple(() =>
        {
            Assert.That(ex.Failures, Is.Not.Empty);
            Assert.That(ex.ToString(), Does.Not.Contain(key));
        });
    }

    [Test]
    public async Task Start_InfiniteAttemptTimeout_IsAcceptedAsItIsByHand()
    {
        var settings = MultiModelTestContainer.GrokThenClaude(("MultiModel:Failover:AttemptTimeout", "-00:00:00.001"));

        await using var container = MultiModelTestContainer.Create(settings, []);

        Assert.That(container.Services.GetRequiredService<IOptions<MultiModel.Failover.FailoverChatClientOptions>>().Value.AttemptTimeout, Is.EqualTo(Timeout.InfiniteTimeSpan));
    }

    [Test]
    public void Start_GrokOnLoopbackWithoutKey_IsAcceptedAsItIsByHand()
    {
        var settings = MultiModelTestContainer.GrokThenClaude(("MultiModel:Providers:grok:ApiKey", null), ("MultiModel:Providers:grok:BaseUrl", "http://127.0.0.1:8080/v1"));
        Assume.That(Environment.GetEnvironmentVariable("XAI_API_KEY"), Is.Null, "The fallback variable is set on this machine.");

        Assert.DoesNotThrow(() => MultiModelTestContainer.Create(settings, []).DisposeAsync().AsTask().GetAwaiter().GetResult());
    }

    [Test]
    public void Start_KindInConfigurationDiffersFromCode_NamesTheKind()
    {
        var settings = MultiModelTestContainer.GrokThenClaude(("MultiModel:Providers:extra:Kind", "Claude"));

        var ex = Assert.Throws<OptionsValidationException>(() =>
            MultiModelTestContainer.Create(settings, [], (_, builder) => builder.AddGrok("extra", o => o.ApiKey = "k")));

        Assert.That(ex!.Failures, Has.Some.EqualTo("MultiModel:Providers:extra:Kind 'Claude' differs from the kind the provider was added with in code (Grok)."));
    }

    [Test]
    public async Task Start_ProviderSwitchedOff_IsNotBuiltSoItsMissingKeyDoesNotStopTheHost()
    {
        var settings = MultiModelTestContainer.GrokThenClaude(
            ("MultiModel:Providers:spare:Kind", "Claude"),
            ("MultiModel:Providers:spare:Enabled", "false"));

        await using var container = MultiModelTestContainer.Create(settings, []);

        Assert.That(() => container.Services.GetRequiredKeyedService<IChatProvider>("spare"), Throws.InvalidOperationException.With.Message.Contains("No MultiModel provider is named 'spare'"));
    }
}
