using System.Net;
using System.Text.Json;
using MultiModel.Failover;
using MultiModel.Providers.Claude;
using MultiModel.Providers.Grok;
using MultiModel.Providers.OpenAICompatible;
using MultiModel.Testing;
using MultiModel.Tests.Providers.Claude;
using MultiModel.Tests.TestSupport;

namespace MultiModel.Tests.Readme;

/// <summary>The README snippets on rich requests: images, documents, prompt caching, reasoning and capabilities.</summary>
public partial class ReadmeSnippets
{
    [Test]
    public async Task RichImage_PlotFromDisk_AnsweredOverHttpWithTheImageSent()
    {
        await using var emulator = await ProviderEmulator.StartAsync(new ProviderEmulatorOptions { DefaultAnswer = "battery_b_temp rises first, at 06:14." });
        using var http = new HttpClient();
        var chat = new FailoverChatClient(
        [
            new GrokChatProvider(http, new GrokProviderOptions { ApiKey = emulator.Xai.ApiKey, BaseUrl = emulator.XaiBaseUrl }),
            new ClaudeChatProvider(http, new ClaudeProviderOptions { ApiKey = emulator.Anthropic.ApiKey, BaseUrl = emulator.AnthropicBaseUrl }),
        ]);
        var plotPath = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"pass-42-{Guid.NewGuid():N}.png");
        await File.WriteAllBytesAsync(plotPath, TestMedia.PlotPng);

        #region snippet:rich-image
        var plot = await File.ReadAllBytesAsync(plotPath);
        var request = new ChatRequest(
        [
            ChatMessage.FromUser("Which channel rises first, and when?", ChatContentPart.FromImage(plot, "image/png")),
        ]);

        var response = await chat.GetResponseAsync(request);
        #endregion

        File.Delete(plotPath);
        var sent = emulator.Requests.Single().Body!.Value.GetProperty("messages")[0].GetProperty("content");
        Assert.Multiple(() =>
        {
            Assert.That(response.Text, Is.EqualTo("battery_b_temp rises first, at 06:14."));
            Assert.That(sent[0].GetProperty("image_url").GetProperty("url").GetString(), Is.EqualTo("data:image/png;base64," + Convert.ToBase64String(TestMedia.PlotPng)));
        });
    }

    [Test]
    public async Task RichDocuments_ManualAndLog_ClaudeReadsThemAsDocuments()
    {
        await using var emulator = await ProviderEmulator.StartAsync(new ProviderEmulatorOptions { DefaultAnswer = "Step 2 applies: isolate battery B." });
        using var http = new HttpClient();
        var chat = new FailoverChatClient(
            [new ClaudeChatProvider(http, new ClaudeProviderOptions { ApiKey = emulator.Anthropic.ApiKey, BaseUrl = emulator.AnthropicBaseUrl })]);
        var manualPdf = TestMedia.ProcedurePdf;
        var passLog = TelemetryText.Log(20);

        #region snippet:rich-documents
        var request = new ChatRequest(
        [
            ChatMessage.FromUser(
                "Which step of the procedure applies to this pass?",
                ChatContentPart.FromPdf(manualPdf, "Battery B procedure"),
                ChatContentPart.FromTextDocument(passLog, "Pass 42 log")),
        ]);

        var response = await chat.GetResponseAsync(request); // Claude reads both; Grok cannot take documents
        #endregion

        var sent = emulator.Requests.Single().Body!.Value.GetProperty("messages")[0].GetProperty("content");
        Assert.Multiple(() =>
        {
            Assert.That(response.Text, Is.EqualTo("Step 2 applies: isolate battery B."));
            Assert.That(sent.EnumerateArray().Select(b => b.GetProperty("type").GetString()), Is.EqualTo(new[] { "document", "document", "text" }));
        });
    }

    [Test]
    public async Task RichCaching_ManualMarked_BreakpointsSentAndCacheUsageRead()
    {
        using var harness = new ClaudeHarness();
        harness.Expect(HttpStatusCode.OK, """
            {"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-5","content":[{"type":"text","text":"NOMINAL"}],
             "stop_reason":"end_turn","usage":{"input_tokens":40,"cache_creation_input_tokens":0,"cache_read_input_tokens":5210,"output_tokens":3}}
            """);
        var chat = harness.Provider;
        var operationsManual = "1. Keep battery B below 30 C.\n2. Above 35 C for 10 minutes, isolate it.";
        var todaysTelemetry = TelemetryCsv;

        #region snippet:rich-caching
        var request = new ChatRequest(
        [
            ChatMessage.FromSystem(operationsManual).WithCacheBreakpoint(), // the same long prefix on every call
            ChatMessage.FromUser(todaysTelemetry),
        ])
        {
            CacheTools = true, // the tool definitions too (counts toward the four breakpoints)
        };

        var response = await chat.GetResponseAsync(request);
        Console.WriteLine($"read from cache: {response.Usage.CacheReadTokens}, written: {response.Usage.CacheWriteTokens}");
        #endregion

        using var sent = JsonDocument.Parse(harness.Requests.Single().Body);
        Assert.Multiple(() =>
        {
            Assert.That(response.Usage.CacheReadTokens, Is.EqualTo(5210));
            Assert.That(response.Usage.InputTokens, Is.EqualTo(5250));
            Assert.That(sent.RootElement.GetProperty("system")[0].GetProperty("cache_control").GetProperty("type").GetString(), Is.EqualTo("ephemeral"));
        });
    }

    [Test]
    public async Task RichReasoning_ToolLoopWithThinking_SignedBlocksGoBack()
    {
        using var harness = new ClaudeHarness();
        harness.Expect(HttpStatusCode.OK, """
            {"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-5",
             "content":[{"type":"thinking","thinking":"The sag matches a load step; read the bus current.","signature":"EqQBCgIYAhIM"},
                        {"type":"tool_use","id":"toolu_1","name":"read_sensor","input":{"channel":"bus_current"}}],
             "stop_reason":"tool_use","usage":{"input_tokens":90,"output_tokens":80,"output_tokens_details":{"thinking_tokens":60}}}
            """);
        harness.Expect(HttpStatusCode.OK, """
            {"id":"msg_2","type":"message","role":"assistant","model":"claude-sonnet-4-5",
             "content":[{"type":"thinking","thinking":"A 9 A step: the heater.","signature":"EqQBCgIYAhIN"},{"type":"text","text":"The battery heater switched on."}],
             "stop_reason":"end_turn","usage":{"input_tokens":200,"output_tokens":50,"output_tokens_details":{"thinking_tokens":20}}}
            """);
        var chat = harness.Provider;
        using var schema = JsonDocument.Parse("""{ "type": "object", "properties": { "channel": { "type": "string" } } }""");
        var readSensor = new ChatToolDefinition("read_sensor", "Reads the latest value of a telemetry channel.", schema.RootElement);

        #region snippet:rich-reasoning
        var request = new ChatRequest("Why did the bus voltage sag at 06:14?")
        {
            Reasoning = new ChatReasoningOptions { Effort = ChatReasoningEffort.Medium }, // or BudgetTokens = 8000
        };
        request.Tools.Add(readSensor);

        var response = await chat.GetResponseAsync(request);
        while (response.ToolCalls.Count > 0)
        {
            request.Messages.Add(response.ToAssistantMessage()); // thinking blocks and signatures go back unchanged
            request.Messages.Add(ChatMessage.FromToolResult(response.ToolCalls[0].Id, "bus_current = 9.1 A"));
            response = await chat.GetResponseAsync(request);
        }

        Console.WriteLine(response.Text);
        Console.WriteLine($"reasoning: {response.ReasoningText} ({response.Usage.ReasoningTokens} tokens)");
        #endregion

        using var second = JsonDocument.Parse(harness.Requests[1].Body);
        var assistant = second.RootElement.GetProperty("messages")[1].GetProperty("content");
        Assert.Multiple(() =>
        {
            Assert.That(response.Text, Is.EqualTo("The battery heater switched on."));
            Assert.That(response.Usage.ReasoningTokens, Is.EqualTo(20));
            Assert.That(assistant[0].GetProperty("signature").GetString(), Is.EqualTo("EqQBCgIYAhIM"));
            Assert.That(second.RootElement.GetProperty("thinking").GetProperty("budget_tokens").GetInt32(), Is.EqualTo(4096));
        });
    }

    [Test]
    public void RichCapabilities_Grok3AndLocalModel_SayWhatTheyCannotTake()
    {
        using var http = new HttpClient();
        var xaiKey = "xai-readme-key";
        var hugeLog = TelemetryText.Log(5100);

        #region snippet:rich-capabilities
        var grok = new GrokChatProvider(http, new GrokProviderOptions
        {
            ApiKey = xaiKey,
            Model = "grok-3",                 // known family: 131,072-token window, text only
            ContextWindowSafetyMargin = 0.05, // refuse from 105 % of the window (default 110 %)
        });
        var local = new OpenAICompatibleChatProvider(http, new OpenAICompatibleProviderOptions
        {
            BaseUrl = new Uri("http://localhost:11434/v1"),
            Model = "llava",                  // unknown to MultiModel: say what it can take
            ContextWindowTokens = 32_768,
            SupportsDocuments = false,
            ReasoningEfforts = ChatReasoningEfforts.None,
        });

        var request = new ChatRequest(hugeLog);
        Console.WriteLine(grok.CheckRequest(request));  // context window: ~151k tokens > 131k
        Console.WriteLine(local.CheckRequest(request)); // context window: ~151k tokens > 33k
        #endregion

        Assert.Multiple(() =>
        {
            Assert.That(grok.CheckRequest(request).Reason, Does.Match(@"^context window: ~1[45]\dk tokens > 131k$"));
            Assert.That(local.CheckRequest(request).Reason, Does.Match(@"^context window: ~1[45]\dk tokens > 33k$"));
            Assert.That(local.CheckRequest(new ChatRequest("Hi") { Reasoning = new ChatReasoningOptions { Effort = ChatReasoningEffort.Low } }).Reason, Is.EqualTo("unsupported: llava takes no reasoning option"));
        });
    }
}
