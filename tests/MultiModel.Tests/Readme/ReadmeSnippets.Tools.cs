using System.Text.Json;
using Microsoft.Extensions.AI;
using MultiModel.Failover;
using MultiModel.Interop;
using MultiModel.Testing;

namespace MultiModel.Tests.Readme;

/// <summary>The README snippets on structured output, tools and Microsoft.Extensions.AI interop.</summary>
public partial class ReadmeSnippets
{
    [Test]
    public async Task StructuredOutput_FirstAnswerBreaksTheSchema_NextProviderIsUsed()
    {
        var grok = new FakeChatProvider("grok").EnqueueAnswer("""{"status":"fine"}""");
        var claude = new FakeChatProvider("claude").EnqueueAnswer("""{"status":"CAUTION","anomalies":["battery_b_temp"]}""");
        var chat = new FailoverChatClient([grok, claude]);
        var telemetryCsv = TelemetryCsv;

        #region snippet:structured-output
        using var schema = JsonDocument.Parse("""
            {
              "type": "object",
              "properties": {
                "status":    { "enum": ["NOMINAL", "CAUTION", "CRITICAL"] },
                "anomalies": { "type": "array", "items": { "type": "string" } }
              },
              "required": ["status", "anomalies"],
              "additionalProperties": false
            }
            """);
        var request = new ChatRequest(telemetryCsv)
        {
            ResponseFormat = ChatResponseFormat.ForJsonSchema(schema.RootElement, "telemetry_report"),
        };

        // An answer that does not match the schema scores 0 and the chain moves on to the next provider.
        var response = await chat.GetResponseAsync(request);
        using var report = JsonDocument.Parse(response.Text);
        #endregion

        Assert.Multiple(() =>
        {
            Assert.That(response.ProviderName, Is.EqualTo("claude"));
            Assert.That(report.RootElement.GetProperty("status").GetString(), Is.EqualTo("CAUTION"));
            Assert.That(response.Attempts[0].Outcome, Is.EqualTo(ChatAttemptOutcome.BelowThreshold));
        });
    }

    [Test]
    public async Task Tools_ModelAsksForATool_ResultGoesBackInTheConversation()
    {
        var provider = new FakeChatProvider("grok");
        provider.Enqueue(FakeChatStep.Respond(new ChatResponse
        {
            Text = string.Empty,
            ProviderName = "grok",
            FinishReason = ChatFinishReason.ToolCalls,
            ToolCalls = [ChatToolCall.Parse("call_1", "read_sensor", """{"channel":"battery_b_temp"}""")],
        }));
        provider.EnqueueAnswer("battery_b_temp is 29.3 C, within limits.");
        var chat = provider;

        #region snippet:tools
        using var parameters = JsonDocument.Parse("""
            { "type": "object", "properties": { "channel": { "type": "string" } }, "required": ["channel"] }
            """);
        var request = new ChatRequest("Is battery B too warm?");
        request.Tools.Add(new ChatToolDefinition("read_sensor", "Reads the latest value of a telemetry channel.", parameters.RootElement));

        var response = await chat.GetResponseAsync(request);
        while (response.ToolCalls.Count > 0)
        {
            request.Messages.Add(response.ToAssistantMessage());
            foreach (var call in response.ToolCalls)
            {
                var channel = call.Arguments.GetProperty("channel").GetString();
                request.Messages.Add(ChatMessage.FromToolResult(call.Id, $"{channel} = 29.3"));
            }

            response = await chat.GetResponseAsync(request);
        }
        #endregion

        Assert.Multiple(() =>
        {
            Assert.That(response.Text, Does.Contain("within limits"));
            Assert.That(provider.LastRequest!.Messages.Select(m => m.Role), Is.EqualTo(new[] { ChatRole.User, ChatRole.Assistant, ChatRole.Tool }));
        });
    }

    [Test]
    public async Task Interop_BothDirections_RoundTrip()
    {
        var provider = new FakeChatProvider("grok").EnqueueAnswer("from the chain");
        IChatProvider chain = new FailoverChatClient([provider]);

        #region snippet:meai-interop
        // A MultiModel chain (or any provider) as a Microsoft.Extensions.AI IChatClient ...
        IChatClient chatClient = chain.AsChatClient();
        var answer = await chatClient.GetResponseAsync("Summarise the last pass.");

        // ... and any IChatClient (OpenAI, Ollama, Azure, ...) as a provider in a failover chain.
        IChatProvider ollama = chatClient.AsChatProvider("ollama");
        #endregion

        Assert.Multiple(() =>
        {
            Assert.That(answer.Text, Is.EqualTo("from the chain"));
            Assert.That(ollama.Name, Is.EqualTo("ollama"));
        });
    }
}
