using MultiModel.Providers.Grok;

namespace MultiModel.Tests.Providers.Grok;

[Parallelizable(ParallelScope.All)]
public class GrokProviderOptionsTests
{
    [Test]
    public void Constructor_Defaults_NameGrokModelGrok4AndXaiEndpoint()
    {
        var options = new GrokProviderOptions();

        Assert.Multiple(() =>
        {
            Assert.That(options.Name, Is.EqualTo("grok"));
            Assert.That(options.Model, Is.EqualTo("grok-4"));
            Assert.That(options.BaseUrl, Is.EqualTo(new Uri("https://api.x.ai/v1")));
            Assert.That(options.ApiKey, Is.Null);
            Assert.That(options.MaxOutputTokens, Is.Null);
        });
    }

    [Test]
    public void Metadata_DefaultOptions_DescribesXai()
    {
        using var client = new HttpClient();
        var provider = new GrokChatProvider(client, new GrokProviderOptions { ApiKey = GrokTestData.ApiKey, Model = "grok-3-mini" });

        Assert.Multiple(() =>
        {
            Assert.That(provider.Name, Is.EqualTo("grok"));
            Assert.That(provider.Metadata.ProviderSystem, Is.EqualTo("xai"));
            Assert.That(provider.Metadata.Endpoint, Is.EqualTo(new Uri("https://api.x.ai/v1")));
            Assert.That(provider.Metadata.DefaultModelId, Is.EqualTo("grok-3-mini"));
            Assert.That(((IChatProvider)provider).Metadata.ProviderSystem, Is.EqualTo("xai"));
        });
    }

    [Test]
    public async Task Constructor_OptionsChangedLater_ProviderKeepsTheSnapshot()
    {
        using var http = new ChatCompletions.ChatCompletionsHttp();
        var sent = http.Expect(GrokTestData.Url, GrokTestData.Completion("""{"content":"ok"}"""));
        var options = new GrokProviderOptions { ApiKey = GrokTestData.ApiKey };
        var provider = new GrokChatProvider(http.Client, options);

        options.Model = "changed";
        options.ApiKey = "other";
        options.Name = "renamed";
        await provider.GetResponseAsync(new ChatRequest("Hi"));

        Assert.That(provider.Name, Is.EqualTo("grok"));
        Assert.That(sent.Headers["Authorization"], Is.EqualTo("Bearer " + GrokTestData.ApiKey));
        Assert.That(sent.Body, Does.Contain("\"grok-4\""));
    }

    private static IEnumerable<TestCaseData> InvalidOptions()
    {
        yield return new TestCaseData(new GrokProviderOptions { ApiKey = null }, "ApiKey").SetArgDisplayNames("no key for api.x.ai");
        yield return new TestCaseData(new GrokProviderOptions { ApiKey = " " }, "ApiKey").SetArgDisplayNames("blank key");
        yield return new TestCaseData(new GrokProviderOptions { ApiKey = "k", Name = "" }, "Name").SetArgDisplayNames("empty name");
        yield return new TestCaseData(new GrokProviderOptions { ApiKey = "k", Model = " " }, "Model").SetArgDisplayNames("blank model");
        yield return new TestCaseData(new GrokProviderOptions { ApiKey = "k", BaseUrl = null! }, "BaseUrl").SetArgDisplayNames("no base url");
        yield return new TestCaseData(new GrokProviderOptions { ApiKey = "k", BaseUrl = new Uri("/v1", UriKind.Relative) }, "BaseUrl").SetArgDisplayNames("relative");
        yield return new TestCaseData(new GrokProviderOptions { ApiKey = "k", BaseUrl = new Uri("ftp://api.x.ai/v1") }, "BaseUrl").SetArgDisplayNames("ftp");
        yield return new TestCaseData(new GrokProviderOptions { ApiKey = "k", BaseUrl = new Uri("https://api.x.ai/v1?x=1") }, "BaseUrl").SetArgDisplayNames("query");
        yield return new TestCaseData(new GrokProviderOptions { ApiKey = "k", MaxOutputTokens = 0 }, "MaxOutputTokens").SetArgDisplayNames("zero cap");
    }

    [TestCaseSource(nameof(InvalidOptions))]
    public void Constructor_InvalidOptions_ThrowsArgumentExceptionNamingTheOption(GrokProviderOptions options, string property)
    {
        using var client = new HttpClient();

        var ex = Assert.Throws<ArgumentException>(() => new GrokChatProvider(client, options));

        Assert.That(ex.Message, Does.Contain("GrokProviderOptions." + property));
        Assert.That(ex.ParamName, Is.EqualTo("options"));
    }

    [Test]
    public void Constructor_LoopbackWithoutKey_IsAllowed()
    {
        using var client = new HttpClient();

        var provider = new GrokChatProvider(client, new GrokProviderOptions { BaseUrl = new Uri("http://127.0.0.1:8080/v1") });

        Assert.That(provider.Metadata.Endpoint, Is.EqualTo(new Uri("http://127.0.0.1:8080/v1")));
    }

    [Test]
    public void Constructor_NullArguments_ThrowArgumentNullException()
    {
        using var client = new HttpClient();

        Assert.Throws<ArgumentNullException>(() => new GrokChatProvider(null!, new GrokProviderOptions { ApiKey = "k" }));
        Assert.Throws<ArgumentNullException>(() => new GrokChatProvider(client, null!));
    }

    [Test]
    public void ToString_WithKey_NeverShowsTheKey()
    {
        var options = new GrokProviderOptions { ApiKey = GrokTestData.ApiKey };
        using var client = new HttpClient();

        Assert.That(options.ToString(), Does.Not.Contain(GrokTestData.ApiKey).And.Contain("grok-4"));
        Assert.That(new GrokChatProvider(client, options).ToString(), Does.Not.Contain(GrokTestData.ApiKey));
    }
}
