using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MultiModel.Testing;

namespace MultiModel.Tests.Readme;

/// <summary>README.md, "Stream resumption": turning it on (in code and by configuration) and reading where an answer was resumed.</summary>
public partial class ReadmeSnippets
{
    [Test]
    public async Task StreamResumption_GrokCutAfterContent_ClaudeFinishesTheAnswer()
    {
        await using var emulator = await ProviderEmulator.StartAsync(new ProviderEmulatorOptions { DefaultAnswer = "STATUS: NOMINAL all channels within limits" });
        emulator.Xai.Enqueue(EmulatorBehavior.StreamCut(afterDeltas: 3)); // "STATUS: NOMINAL all", then the connection ends
        var services = new ServiceCollection();
        var request = new ChatRequest(TelemetryCsv);
        var cancellationToken = CancellationToken.None;
        var seams = new List<string>();

        #region snippet:stream-resumption
        services.AddMultiModel()
            .AddGrok()
            .AddClaude()
            .ConfigureFailover(failover => failover.ResumeStreams = true); // or MultiModel:Failover:ResumeStreams = true
        #endregion

        await using var provider = services.UseEmulator(emulator).BuildServiceProvider();
        var chat = provider.GetRequiredService<IChatProvider>();
        var answer = new StringBuilder();

        #region snippet:stream-resumption-read
        await foreach (var update in chat.GetStreamingResponseAsync(request, cancellationToken))
        {
            answer.Append(update.Text); // one stream, even when a second provider writes the rest
            if (update.IsFinal)
            {
                foreach (var resumption in update.Resumptions ?? [])
                {
                    // e.g. "grok broke after 19 characters; claude wrote the rest"
                    seams.Add($"{resumption.BrokenProviderName} broke after {resumption.Offset} characters; {resumption.ProviderName} wrote the rest");
                }
            }
        }
        #endregion

        Assert.That(answer.ToString(), Is.EqualTo("STATUS: NOMINAL all channels within limits"));
        Assert.That(seams, Is.EqualTo(new[] { "grok broke after 19 characters; claude wrote the rest" }));
        Assert.That(emulator.Anthropic.Requests.Single().BodyText, Does.Contain("""{"role":"assistant","content":"STATUS: NOMINAL all"}"""));
    }

    [Test]
    public async Task StreamResumption_ConfigurationKey_TurnsItOn()
    {
        await using var emulator = await ProviderEmulator.StartAsync(new ProviderEmulatorOptions { DefaultAnswer = "STATUS: NOMINAL all channels within limits" });
        emulator.Xai.Enqueue(EmulatorBehavior.StreamError(afterDeltas: 2));
        var builder = Host.CreateApplicationBuilder([.. ReadmeEmulator.Args(emulator), "--MultiModel:Failover:ResumeStreams=true"]);
        builder.Services.AddMultiModel();
        using var host = builder.Build();
        var chat = host.Services.GetRequiredService<IChatProvider>();

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in chat.GetStreamingResponseAsync(new ChatRequest(TelemetryCsv)))
        {
            updates.Add(update);
        }

        Assert.That(string.Concat(updates.Select(u => u.Text)), Is.EqualTo("STATUS: NOMINAL all channels within limits"));
        Assert.That(updates[^1].Resumptions!.Single().ProviderName, Is.EqualTo("claude"));
    }
}
