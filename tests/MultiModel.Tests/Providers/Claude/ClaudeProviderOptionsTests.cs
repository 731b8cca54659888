using System.Diagnostics;
using System.Reflection;
using MultiModel.Providers.Claude;

namespace MultiModel.Tests.Providers.Claude;

[Parallelizable(ParallelScope.All)]
public class ClaudeProviderOptionsTests
{
    private static IEnumerable<TestCaseData> InvalidOptions()
    {
        yield return Case(o => o.ApiKey = null, "ApiKey", "MissingKey");
        yield return Case(o => o.ApiKey = "", "ApiKey", "EmptyKey");
        yield return Case(o => o.ApiKey = "   ", "ApiKey", "BlankKey");
        yield return Case(o => o.ApiKey = "sk-ant\r\nx-evil: 1", "ApiKey", "KeyWithNewLine");
        yield return Case(o => o.Name = " ", "Name", "BlankName");
        yield return Case(o => o.Name = null!, "Name", "NullName");
        yield return Case(o => o.Model = "", "Model", "EmptyModel");
        yield return Case(o => o.BaseUrl = null!, "BaseUrl", "NullBaseUrl");
        yield return Case(o => o.BaseUrl = new Uri("/anthropic", UriKind.Relative), "BaseUrl", "RelativeBaseUrl");
        yield return Case(o => o.BaseUrl = new Uri("ftp://api.anthropic.com"), "BaseUrl", "FtpBaseUrl");
        yield return Case(o => o.MaxOutputTokens = 0, "MaxOutputTokens", "ZeroMaxTokens");
        yield return Case(o => o.MaxOutputTokens = -5, "MaxOutputTokens", "NegativeMaxTokens");
        yield return Case(o => o.AnthropicVersion = "", "AnthropicVersion", "EmptyVersion");

        static TestCaseData Case(Action<ClaudeProviderOptions> change, string property, string name) =>
            new TestCaseData(change, property).SetArgDisplayNames(name);
    }

    [TestCaseSource(nameof(InvalidOptions))]
    public void Constructor_InvalidOptions_ThrowsArgumentExceptionNamingTheSetting(Action<ClaudeProviderOptions> change, string property)
    {
        var options = new ClaudeProviderOptions { ApiKey = ClaudeHarness.ApiKey };
        change(options);
        using var client = new HttpClient();

        var ex = Assert.Throws<ArgumentException>(() => _ = new ClaudeChatProvider(client, options));

        Assert.Multiple(() =>
        {
            Assert.That(ex.Message, Does.Contain("ClaudeProviderOptions." + property));
            Assert.That(ex.ParamName, Is.EqualTo("options"));
            Assert.That(ex.Message, Does.Not.Contain(ClaudeHarness.ApiKey));
        });
    }

    [Test]
    public void Constructor_NullHttpClient_ThrowsArgumentNull()
    {
        var ex = Assert.Throws<ArgumentNullException>(() => _ = new ClaudeChatProvider(null!, new ClaudeProviderOptions { ApiKey = "k" }));

        Assert.That(ex.ParamName, Is.EqualTo("httpClient"));
    }

    [Test]
    public void Constructor_NullOptions_ThrowsArgumentNull()
    {
        using var client = new HttpClient();

        var ex = Assert.Throws<ArgumentNullException>(() => _ = new ClaudeChatProvider(client, null!));

        Assert.That(ex.ParamName, Is.EqualTo("options"));
    }

    [Test]
    public void Constructor_Defaults_AreDocumentedValues()
    {
        var options = new ClaudeProviderOptions();

        Assert.Multiple(() =>
        {
            Assert.That(options.Name, Is.EqualTo("claude"));
            Assert.That(options.ApiKey, Is.Null);
            Assert.That(options.Model, Is.EqualTo("claude-sonnet-4-5"));
            Assert.That(options.BaseUrl, Is.EqualTo(new Uri("https://api.anthropic.com")));
            Assert.That(options.MaxOutputTokens, Is.EqualTo(4096));
            Assert.That(options.AnthropicVersion, Is.EqualTo("2023-06-01"));
        });
    }

    [Test]
    public void ToString_WithKey_SaysSetButNeverShowsIt()
    {
        var options = new ClaudeProviderOptions { ApiKey = ClaudeHarness.ApiKey };

        var text = options.ToString();

        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Not.Contain(ClaudeHarness.ApiKey));
            Assert.That(text, Does.Contain("claude-sonnet-4-5").And.Contain("api key set"));
            Assert.That(new ClaudeProviderOptions().ToString(), Does.Contain("api key missing"));
        });
    }

    [Test]
    public void DebuggerDisplay_UsesToStringWithoutTheKey()
    {
        var attribute = typeof(ClaudeProviderOptions).GetCustomAttribute<DebuggerDisplayAttribute>();

        Assert.That(attribute?.Value, Is.EqualTo("{ToString(),nq}"));
    }
}
