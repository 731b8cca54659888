using MultiModel.Failover;
using MultiModel.Providers.Claude;
using MultiModel.Providers.Grok;
using MultiModel.Testing;
using MultiModel.Tests.Providers.Claude;
using MultiModel.Tests.TestSupport;

namespace MultiModel.Tests.Failover;

/// <summary>
/// Requests a provider's model cannot take (an image for a text-only model, a log larger than its context window, a
/// document for chat completions), through real Grok and Claude providers over HTTP to the emulator: the chain skips
/// that provider with its reason and no request, the next one answers, and when none can take the request the call
/// throws <see cref="ArgumentException"/> before any request. Whole and streamed.
/// </summary>
[Parallelizable(ParallelScope.All)]
public class FailoverChatClientCapabilityTests
{
    private static readonly bool[] Streaming = [false, true];

    [TestCaseSource(nameof(Streaming))]
    public async Task Call_ImageWithATextOnlyGrokFirst_SkipsGrokAndClaudeAnswers(bool streaming)
    {
        await using var emulator = await ProviderEmulator.StartAsync(new ProviderEmulatorOptions { DefaultAnswer = "battery_b_temp rises first." });
        using var http = new HttpClient();
        var chain = Chain(http, emulator, grokModel: "grok-3");
        var request = new ChatRequest([ChatMessage.FromUser("Which channel rises first?", TestMedia.PlotImage())]);

        var (text, provider, attempts) = await CallAsync(chain, request, streaming);

        Assert.Multiple(() =>
        {
            Assert.That((text, provider), Is.EqualTo(("battery_b_temp rises first.", "claude")));
            Assert.That(attempts.Select(a => a.Outcome), Is.EqualTo(new[] { ChatAttemptOutcome.Skipped, ChatAttemptOutcome.Succeeded }));
            Assert.That(attempts[0].SkipReason, Is.EqualTo("unsupported: grok-3 takes no images"));
            Assert.That(emulator.Xai.RequestCount, Is.Zero, "Grok gets no request");
            Assert.That(emulator.Requests.Single().Body!.Value.GetProperty("messages")[0].GetProperty("content")[0].GetProperty("type").GetString(), Is.EqualTo("image"));
        });
    }

    [TestCaseSource(nameof(Streaming))]
    public async Task Call_150kTokenLogWithGrok131kFirst_GrokGetsNoRequestAndClaudeAnswers(bool streaming)
    {
        await using var emulator = await ProviderEmulator.StartAsync(new ProviderEmulatorOptions { DefaultAnswer = "STATUS: CAUTION" });
        using var http = new HttpClient();
        var chain = Chain(http, emulator, grokModel: "grok-3");
        var request = new ChatRequest([ChatMessage.FromSystem("You analyse telemetry."), ChatMessage.FromUser(TelemetryText.Log(5100))]);

        var (text, provider, attempts) = await CallAsync(chain, request, streaming);

        Assert.Multiple(() =>
        {
            Assert.That((text, provider), Is.EqualTo(("STATUS: CAUTION", "claude")));
            Assert.That(attempts[0].Outcome, Is.EqualTo(ChatAttemptOutcome.Skipped));
            Assert.That(attempts[0].SkipReason, Does.Match(@"^context window: ~1[45]\dk tokens > 131k$"));
            Assert.That(emulator.Xai.RequestCount, Is.Zero, "Grok gets no request");
            Assert.That(emulator.Anthropic.RequestCount, Is.EqualTo(1));
        });
    }

    [TestCaseSource(nameof(Streaming))]
    public async Task Call_PdfWithGrokFirst_SkipsGrokBecauseChatCompletionsHaveNoPlaceForDocuments(bool streaming)
    {
        await using var emulator = await ProviderEmulator.StartAsync(new ProviderEmulatorOptions { DefaultAnswer = "Isolate battery B." });
        using var http = new HttpClient();
        var chain = Chain(http, emulator, grokModel: "grok-4");
        var request = new ChatRequest([ChatMessage.FromUser("What does the procedure say?", ChatContentPart.FromPdf(TestMedia.ProcedurePdf))]);

        var (_, provider, attempts) = await CallAsync(chain, request, streaming);

        Assert.Multiple(() =>
        {
            Assert.That(provider, Is.EqualTo("claude"));
            Assert.That(attempts[0].SkipReason, Is.EqualTo("unsupported: grok-4 takes no documents"));
            Assert.That(emulator.Xai.RequestCount, Is.Zero);
        });
    }

    [TestCaseSource(nameof(Streaming))]
    public void Call_PromptNoProviderCanHold_ArgumentExceptionNamingBothBeforeAnyRequest(bool streaming)
    {
        using var http = new HttpClient();
        var grok = new GrokChatProvider(http, new GrokProviderOptions { ApiKey = "xai-test", BaseUrl = new Uri("http://127.0.0.1:9/v1"), Model = "grok-3" });
        var claude = new ClaudeChatProvider(http, new ClaudeProviderOptions { ApiKey = "sk-ant-test", BaseUrl = new Uri("http://127.0.0.1:9"), ContextWindowTokens = 100_000 });
        var chain = new FailoverChatClient([grok, claude]);
        var request = new ChatRequest(TelemetryText.Log(5100));

        var ex = streaming
            ? Assert.Throws<ArgumentException>(() => chain.GetStreamingResponseAsync(request))
            : Assert.ThrowsAsync<ArgumentException>(() => chain.GetResponseAsync(request));

        Assert.Multiple(() =>
        {
            Assert.That(ex!.ParamName, Is.EqualTo("request"));
            Assert.That(ex.Message, Does.Match(@"grok: context window: ~1[45]\dk tokens > 131k"));
            Assert.That(ex.Message, Does.Match(@"claude: context window: ~1[45]\dk tokens > 100k"));
        });
    }

    [TestCaseSource(nameof(Streaming))]
    public async Task Call_ReasoningEffortGrok4Rejects_SkipsGrokAndClaudeThinks(bool streaming)
    {
        await using var emulator = await ProviderEmulator.StartAsync(new ProviderEmulatorOptions { DefaultAnswer = "The heater switched on." });
        using var http = new HttpClient();
        var chain = Chain(http, emulator, grokModel: "grok-4");
        var request = new ChatRequest("Why did the bus voltage sag?") { Reasoning = new ChatReasoningOptions { Effort = ChatReasoningEffort.Low } };

        var (_, provider, attempts) = await CallAsync(chain, request, streaming);

        Assert.Multiple(() =>
        {
            Assert.That(provider, Is.EqualTo("claude"));
            Assert.That(attempts[0].SkipReason, Is.EqualTo("unsupported: grok-4 takes no reasoning option"));
            Assert.That(emulator.Requests.Single().Body!.Value.GetProperty("thinking").GetProperty("budget_tokens").GetInt32(), Is.EqualTo(1024));
        });
    }

    [Test]
    public async Task Stream_ClaudeThinksThenCallsATool_SignedBlockReachesTheCallerAndGoesBackUnchanged()
    {
        using var harness = new ClaudeHarness();
        harness.ExpectSse(ClaudeStreams.ThinkingThenToolUse);
        harness.Expect(System.Net.HttpStatusCode.OK, """
            {"id":"msg_2","type":"message","role":"assistant","model":"claude-sonnet-4-5","content":[{"type":"text","text":"29.3 C is fine."}],"stop_reason":"end_turn","usage":{"input_tokens":60,"output_tokens":8}}
            """);
        var chain = new FailoverChatClient([harness.Provider]);
        var request = new ChatRequest("Is battery B warm?") { Reasoning = new ChatReasoningOptions { Effort = ChatReasoningEffort.Low } };
        request.Tools.Add(new ChatToolDefinition("read_sensor", null, System.Text.Json.JsonDocument.Parse("""{"type":"object"}""").RootElement));

        var updates = await Some.CollectAsync(chain.GetStreamingResponseAsync(request));
        var reasoning = updates.Where(u => u.ReasoningParts is not null).SelectMany(u => u.ReasoningParts!).ToList();
        var calls = updates.Where(u => u.ToolCalls is not null).SelectMany(u => u.ToolCalls!).ToList();
        request.Messages.Add(ChatMessage.FromAssistant(reasoning, calls));
        request.Messages.Add(ChatMessage.FromToolResult("toolu_1", "29.3"));
        var answer = await chain.GetResponseAsync(request);

        using var second = System.Text.Json.JsonDocument.Parse(harness.Requests[1].Body);
        Assert.Multiple(() =>
        {
            Assert.That(answer.Text, Is.EqualTo("29.3 C is fine."));
            Assert.That(reasoning.Select(p => (p.Text, p.ProtectedData)), Is.EqualTo(new[] { ("Check the sensor.", (string?)"EqQBCgIYAh") }));
            ClaudeHarness.AssertJsonEquals(second.RootElement.GetProperty("messages")[1].GetRawText(), """
                {"role":"assistant","content":[{"type":"thinking","thinking":"Check the sensor.","signature":"EqQBCgIYAh"},{"type":"tool_use","id":"toolu_1","name":"read_sensor","input":{}}]}
                """);
        });
    }

    [Test]
    public async Task GetResponseAsync_ClaudeThinksThenCallsATool_SignedBlockIsInTheChainsAnswerAndGoesBackUnchanged()
    {
        using var harness = new ClaudeHarness();
        harness.Expect(System.Net.HttpStatusCode.OK, """
            {"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-5","content":[{"type":"thinking","thinking":"Check the sensor.","signature":"EqQBCgIYAh"},{"type":"tool_use","id":"toolu_1","name":"read_sensor","input":{}}],"stop_reason":"tool_use","usage":{"input_tokens":50,"output_tokens":20}}
            """);
        harness.Expect(System.Net.HttpStatusCode.OK, """
            {"id":"msg_2","type":"message","role":"assistant","model":"claude-sonnet-4-5","content":[{"type":"text","text":"29.3 C is fine."}],"stop_reason":"end_turn","usage":{"input_tokens":60,"output_tokens":8}}
            """);
        var chain = new FailoverChatClient([harness.Provider]);
        var request = new ChatRequest("Is battery B warm?") { Reasoning = new ChatReasoningOptions { Effort = ChatReasoningEffort.Low } };
        request.Tools.Add(new ChatToolDefinition("read_sensor", null, System.Text.Json.JsonDocument.Parse("""{"type":"object"}""").RootElement));

        var first = await chain.GetResponseAsync(request);
        request.Messages.Add(first.ToAssistantMessage());
        request.Messages.Add(ChatMessage.FromToolResult("toolu_1", "29.3"));
        var answer = await chain.GetResponseAsync(request);

        using var second = System.Text.Json.JsonDocument.Parse(harness.Requests[1].Body);
        Assert.Multiple(() =>
        {
            Assert.That(first.ReasoningParts.Select(p => (p.Text, p.ProtectedData)), Is.EqualTo(new[] { ("Check the sensor.", (string?)"EqQBCgIYAh") }));
            Assert.That(answer.Text, Is.EqualTo("29.3 C is fine."));
            ClaudeHarness.AssertJsonEquals(second.RootElement.GetProperty("messages")[1].GetRawText(), """
                {"role":"assistant","content":[{"type":"thinking","thinking":"Check the sensor.","signature":"EqQBCgIYAh"},{"type":"tool_use","id":"toolu_1","name":"read_sensor","input":{}}]}
                """);
        });
    }

    private static FailoverChatClient Chain(HttpClient http, ProviderEmulator emulator, string grokModel) => new(
    [
        new GrokChatProvider(http, new GrokProviderOptions { ApiKey = emulator.Xai.ApiKey, BaseUrl = emulator.XaiBaseUrl, Model = grokModel }),
        new ClaudeChatProvider(http, new ClaudeProviderOptions { ApiKey = emulator.Anthropic.ApiKey, BaseUrl = emulator.AnthropicBaseUrl }),
    ]);

    private static async Task<(string Text, string Provider, IReadOnlyList<ChatAttempt> Attempts)> CallAsync(FailoverChatClient chain, ChatRequest request, bool streaming)
    {
        if (!streaming)
        {
            var response = await chain.GetResponseAsync(request);
            return (response.Text, response.ProviderName, response.Attempts);
        }

        var updates = await Some.CollectAsync(chain.GetStreamingResponseAsync(request));
        return (string.Concat(updates.Select(u => u.Text)), updates[^1].ProviderName, updates[^1].Attempts!);
    }
}
