using System.Net;
using Microsoft.Extensions.DependencyInjection;
using MultiModel.Failover;
using RichardSzalay.MockHttp;

namespace MultiModel.Tests.DependencyInjection;

[Parallelizable(ParallelScope.All)]
public class MultiModelSmokeTests
{
    private const string ClaudeAnswer = """
        {"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929",
         "content":[{"type":"text","text":"Nominal."}],"stop_reason":"end_turn","stop_sequence":null,
         "usage":{"input_tokens":12,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":3}}
        """;

    [Test]
    public async Task GetResponseAsync_Grok503_ClaudeAnswersAndBothAttemptsAreReported()
    {
        using var grokHttp = new MockHttpMessageHandler();
        using var claudeHttp = new MockHttpMessageHandler();
        grokHttp.Fallback.Throw(new InvalidOperationException("unexpected grok request"));
        claudeHttp.Fallback.Throw(new InvalidOperationException("unexpected claude request"));
        grokHttp.Expect(HttpMethod.Post, "https://api.x.ai/v1/chat/completions")
            .Respond(HttpStatusCode.ServiceUnavailable, "application/json", """{"code":"The service is currently unavailable","error":"The model is at capacity and currently cannot serve this request."}""");
        claudeHttp.Expect(HttpMethod.Post, "https://api.anthropic.com/v1/messages")
            .WithHeaders("x-api-key", "claude-key")
            .Respond("application/json", ClaudeAnswer);

        var services = new ServiceCollection();
        services.AddMultiModel()
            .AddGrok(configure: o => o.ApiKey = "grok-key", configureHttpClient: b => b.ConfigurePrimaryHttpMessageHandler(() => grokHttp))
            .ConfigureResilience("grok", o => o.Retry.MaxRetryAttempts = 0)
            .AddClaude(configure: o => o.ApiKey = "claude-key", configureHttpClient: b => b.ConfigurePrimaryHttpMessageHandler(() => claudeHttp));
        await using var provider = services.BuildServiceProvider(validateScopes: true);

        var chain = provider.GetRequiredService<FailoverChatClient>();
        var response = await chain.GetResponseAsync(new ChatRequest("Status?"));

        Assert.Multiple(() =>
        {
            Assert.That(response.Text, Is.EqualTo("Nominal."));
            Assert.That(response.ProviderName, Is.EqualTo("claude"));
            Assert.That(response.Attempts.Select(a => (a.ProviderName, a.Outcome, a.StatusCode)), Is.EqualTo(new (string, ChatAttemptOutcome, int?)[]
            {
                ("grok", ChatAttemptOutcome.Failed, 503),
                ("claude", ChatAttemptOutcome.Succeeded, null),
            }));
            Assert.That(response.Attempts[0].ErrorClass, Is.EqualTo(ChatErrorClass.ServerError).Or.EqualTo(ChatErrorClass.Overloaded));
            Assert.That(provider.GetRequiredService<IChatProvider>(), Is.SameAs(chain));
            Assert.That(provider.GetRequiredKeyedService<IChatProvider>("claude").Name, Is.EqualTo("claude"));
        });
        grokHttp.VerifyNoOutstandingExpectation();
        claudeHttp.VerifyNoOutstandingExpectation();
    }
}
