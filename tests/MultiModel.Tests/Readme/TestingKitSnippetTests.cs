using Microsoft.Extensions.DependencyInjection;
using MultiModel.Testing;

namespace MultiModel.Tests.Readme;

/// <summary>
/// The README's "Testing your code" examples, compiled and run. The text between <c>#region snippet:…</c> and
/// <c>#endregion</c> appears in README.md (de-indented) after a <c>&lt;!-- snippet: … --&gt;</c> line; keep both identical.
/// </summary>
[Parallelizable(ParallelScope.All)]
public class TestingKitSnippetTests
{
    [Test]
    public async Task FakeChatProvider_ReadmeExample_FailsOverToTheSecondFake()
    {
        #region snippet:testing-fake
        // Scripted stand-ins for real providers: no network, no keys.
        var grok = new FakeChatProvider("grok").EnqueueFailure(FakeChatProvider.Failure(status: 503, providerName: "grok"));
        var claude = new FakeChatProvider("claude").EnqueueAnswer("Paris.");

        var services = new ServiceCollection();
        services.AddMultiModel()
            .AddProvider("grok", _ => grok)
            .AddProvider("claude", _ => claude);
        await using var provider = services.BuildServiceProvider();
        var chat = provider.GetRequiredService<IChatProvider>();

        var response = await chat.GetResponseAsync(new ChatRequest("What is the capital of France?"));

        Assert.That(response.Text, Is.EqualTo("Paris."));
        Assert.That(response.ProviderName, Is.EqualTo("claude"));
        Assert.That(response.Attempts[0].StatusCode, Is.EqualTo(503));
        Assert.That(claude.LastRequest?.Messages[0].Text, Is.EqualTo("What is the capital of France?"));
        #endregion
    }

    [Test]
    public async Task ProviderEmulator_ReadmeExample_FailsOverFromAnOverloadedClaude()
    {
        #region snippet:testing-emulator
        // A real HTTP server on 127.0.0.1 that speaks the Anthropic and xAI wire formats.
        await using var emulator = await ProviderEmulator.StartAsync();
        emulator.Anthropic.Enqueue(EmulatorBehavior.Overloaded(), EmulatorBehavior.Overloaded()); // 529, twice

        var services = new ServiceCollection();
        services.AddMultiModel()
            .AddClaude(configure: o => { o.BaseUrl = emulator.AnthropicBaseUrl; o.ApiKey = emulator.Anthropic.ApiKey; })
            .AddGrok(configure: o => { o.BaseUrl = emulator.XaiBaseUrl; o.ApiKey = emulator.Xai.ApiKey; });
        await using var provider = services.BuildServiceProvider();
        var chat = provider.GetRequiredService<IChatProvider>();

        var response = await chat.GetResponseAsync(new ChatRequest("Hello?"));

        Assert.That(response.ProviderName, Is.EqualTo("grok"));
        Assert.That(response.Attempts[0].ErrorClass, Is.EqualTo(ChatErrorClass.Overloaded));
        Assert.That(emulator.Anthropic.RequestCount, Is.EqualTo(2)); // the first try and one retry
        #endregion
    }
}
