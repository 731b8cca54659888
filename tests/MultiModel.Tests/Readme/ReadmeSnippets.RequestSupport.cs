using Microsoft.Extensions.DependencyInjection;
using MultiModel.Testing;

namespace MultiModel.Tests.Readme;

/// <summary>The README snippet about requests a provider cannot take.</summary>
public partial class ReadmeSnippets
{
    [Test]
    public async Task RequestSupport_ClaudeFirstAndTemperature1_5_ClaudeIsSkippedAndNoProviderTakes5()
    {
        await using var emulator = await ProviderEmulator.StartAsync(new ProviderEmulatorOptions { DefaultAnswer = "Ultraviolet blue." });
        var services = new ServiceCollection();
        services.AddMultiModel().AddClaude().AddGrok();
        await using var container = services.UseEmulator(emulator).BuildServiceProvider();
        var chat = container.GetRequiredService<IChatProvider>();
        var cancellationToken = CancellationToken.None;
        var messages = new List<string>();
        void ShowToTheUser(string message) => messages.Add(message);

        #region snippet:request-support
        // Claude takes a temperature from 0 to 1, Grok from 0 to 2: the chain skips Claude without a call.
        var creative = new ChatRequest("Name a colour nobody has seen.") { Temperature = 1.5 };
        var answer = await chat.GetResponseAsync(creative, cancellationToken);
        Console.WriteLine(answer.Attempts[0]); // "#0 claude: Skipped in 0 ms"; SkipReason "unsupported: temperature 1.5 outside 0–1"

        try
        {
            await chat.GetResponseAsync(new ChatRequest("Hi") { Temperature = 5 }, cancellationToken);
        }
        catch (ArgumentException ex)
        {
            // No provider of the chain can take it: thrown before any HTTP call, with each provider's reason.
            ShowToTheUser(ex.Message);
        }
        #endregion

        Assert.Multiple(() =>
        {
            Assert.That(answer.ProviderName, Is.EqualTo("grok"));
            Assert.That(answer.Attempts[0].SkipReason, Is.EqualTo("unsupported: temperature 1.5 outside 0–1"));
            Assert.That(messages.Single(), Does.Contain("claude: unsupported: temperature 5 outside 0–1").And.Contain("grok: unsupported: temperature 5 outside 0–2"));
            Assert.That(emulator.Anthropic.RequestCount, Is.Zero);
            Assert.That(emulator.Xai.RequestCount, Is.EqualTo(1));
        });
    }
}
