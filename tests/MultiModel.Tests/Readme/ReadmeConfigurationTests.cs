using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MultiModel.DependencyInjection;
using MultiModel.Failover;
using MultiModel.Providers.Claude;
using MultiModel.Providers.Grok;

namespace MultiModel.Tests.Readme;

/// <summary>Checks that the quickstart's appsettings.json in README.md binds and validates as the README says.</summary>
[Parallelizable(ParallelScope.All)]
public class ReadmeConfigurationTests
{
    [Test]
    public async Task QuickstartJson_BoundWithKeys_GivesGrokThenClaude()
    {
        var json = FirstJsonBlock(await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "README.md")));
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json));
        var configuration = new ConfigurationBuilder()
            .AddJsonStream(stream)
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["XAI_API_KEY"] = "xai-test-key",
                ["ANTHROPIC_API_KEY"] = "sk-ant-test-key",
            })
            .Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddMultiModel();
        await using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<MultiModelOptions>>().Value;
        var failover = provider.GetRequiredService<IOptions<FailoverChatClientOptions>>().Value;
        var grok = provider.GetRequiredService<IOptionsMonitor<GrokProviderOptions>>().Get("grok");
        var claude = provider.GetRequiredService<IOptionsMonitor<ClaudeProviderOptions>>().Get("claude");
        var chain = provider.GetRequiredService<FailoverChatClient>();

        Assert.Multiple(() =>
        {
            Assert.That(options.Order, Is.EqualTo(new[] { "grok", "claude" }));
            Assert.That(grok.Model, Is.EqualTo("grok-4"));
            Assert.That(grok.ApiKey, Is.EqualTo("xai-test-key"));
            Assert.That(claude.ApiKey, Is.EqualTo("sk-ant-test-key"));
            Assert.That(failover.Confidence.Threshold, Is.EqualTo(0.85));
            Assert.That(failover.AttemptTimeout, Is.EqualTo(TimeSpan.FromSeconds(10)));
            Assert.That(chain.Providers.Select(p => p.Metadata.DefaultModelId), Is.EqualTo(new[] { "grok-4", "claude-sonnet-4-5" }));
        });
    }

    private static string FirstJsonBlock(string markdown)
    {
        var start = markdown.IndexOf("```json\n", StringComparison.Ordinal);
        Assert.That(start, Is.GreaterThanOrEqualTo(0), "README.md has no json block");
        start += "```json\n".Length;
        return markdown[start..markdown.IndexOf("```", start, StringComparison.Ordinal)];
    }
}
