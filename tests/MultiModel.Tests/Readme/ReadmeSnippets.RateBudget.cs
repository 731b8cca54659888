using Microsoft.Extensions.DependencyInjection;
using MultiModel.Testing;

namespace MultiModel.Tests.Readme;

/// <summary>The README snippet about rate budgets (in one process; the shared ones run in the shared-state tests).</summary>
public partial class ReadmeSnippets
{
    [Test]
    public async Task RateBudget_FiftyRequestsPerMinute_TheFiftyFirstFailsOverWithoutACallToClaude()
    {
        await using var emulator = await ProviderEmulator.StartAsync();
        var services = new ServiceCollection();

        #region snippet:rate-budget
        services.AddMultiModel()
            .AddClaude()
            .AddGrok()
            .ConfigureRateLimit("claude", limit =>
            {
                limit.RequestsPerMinute = 50;    // MultiModel:Providers:claude:RateLimit:RequestsPerMinute
                limit.TokensPerMinute = 40_000;  // prompt and answer
            });
        #endregion

        await using var container = services.UseEmulator(emulator).BuildServiceProvider();
        var chat = container.GetRequiredService<IChatProvider>();
        var answers = new List<ChatResponse>();
        for (var i = 0; i < 51; i++)
        {
            answers.Add(await chat.GetResponseAsync(new ChatRequest("Status?") { MaxOutputTokens = 100 }));
        }

        Assert.That(answers.Take(50).Select(a => a.ProviderName), Is.All.EqualTo("claude"));
        Assert.That(answers[50].ProviderName, Is.EqualTo("grok"));
        Assert.That(answers[50].Attempts[0].SkipReason, Is.EqualTo("rate budget: 50 requests per minute"));
        Assert.That(emulator.Anthropic.RequestCount, Is.EqualTo(50));
    }
}
