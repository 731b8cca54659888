using System.Diagnostics;
using System.Reflection;
using MultiModel.DependencyInjection;
using MultiModel.Providers.Claude;
using MultiModel.Providers.Grok;
using MultiModel.Providers.OpenAICompatible;

namespace MultiModel.Tests.Diagnostics;

[Parallelizable(ParallelScope.All)]
public class SecretRedactionTests
{
    private const string Key = "sk-LEAKCANARY-7f3a9c";

    private static IEnumerable<TestCaseData> OptionsWithKeys()
    {
        yield return new TestCaseData(new ClaudeProviderOptions { ApiKey = Key }).SetName("ClaudeProviderOptions");
        yield return new TestCaseData(new GrokProviderOptions { ApiKey = Key }).SetName("GrokProviderOptions");
        yield return new TestCaseData(new OpenAICompatibleProviderOptions { ApiKey = Key, BaseUrl = new Uri("https://user:" + Key + "@example.com/v1") }).SetName("OpenAICompatibleProviderOptions");
        yield return new TestCaseData(new ClaudeProviderOptions { ApiKey = Key, BaseUrl = new Uri("https://user:" + Key + "@example.com") }).SetName("ClaudeProviderOptionsWithUserInfo");
    }

    [TestCaseSource(nameof(OptionsWithKeys))]
    public void ToString_OptionsHoldAKey_ShowThatItIsSetButNeverTheKey(object options)
    {
        var text = options.ToString();
        var display = options.GetType().GetCustomAttribute<DebuggerDisplayAttribute>();

        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Not.Contain(Key[..12]));
            Assert.That(text, Does.Contain("set").Or.Contain("***"));
            Assert.That(display, Is.Not.Null);
            Assert.That(display!.Value, Is.EqualTo("{ToString(),nq}"));
        });
    }
}
