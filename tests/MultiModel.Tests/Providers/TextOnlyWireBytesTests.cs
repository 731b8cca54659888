using System.Text;
using System.Text.Json;
using MultiModel.Providers.Capabilities;
using MultiModel.Providers.ChatCompletions;
using MultiModel.Providers.Claude;

namespace MultiModel.Tests.Providers;

/// <summary>Pins the exact bytes of text-only requests, so that adding content parts, caching and reasoning leaves them unchanged.</summary>
[Parallelizable(ParallelScope.All)]
public class TextOnlyWireBytesTests
{
    [Test]
    public void ClaudeWrite_TextAndToolConversation_BytesUnchanged()
    {
        var settings = ClaudeSettings.Create(new ClaudeProviderOptions { ApiKey = "k" });

        var body = Encoding.UTF8.GetString(ClaudeRequestWriter.Write(Conversation(), settings, stream: true));

        Assert.That(body, Is.EqualTo(ClaudeBytes));
    }

    [Test]
    public void ChatCompletionsWrite_TextAndToolConversation_BytesUnchanged()
    {
        var settings = ChatCompletionsSettings.Create(new ChatCompletionsOptionValues
        {
            OptionsType = "Test",
            Name = "grok",
            ProviderSystem = "xai",
            BaseUrl = new Uri("https://api.x.ai/v1"),
            Model = "grok-4",
            ApiKey = "k",
            Media = MediaRules.Xai,
        });

        var body = Encoding.UTF8.GetString(ChatCompletionsRequestWriter.WriteBody(Conversation(), settings, streaming: true));

        Assert.That(body, Is.EqualTo(ChatCompletionsBytes));
    }

    [Test]
    public void RequestBodies_SerializeThroughSourceGeneratedFastPath()
    {
        // A [JsonConverter] on a property (rather than on its type) silently drops the generated fast path: every
        // request then pays for the metadata-driven writer (about 350 B more per Claude request, measured).
        Assert.Multiple(() =>
        {
            Assert.That(ClaudeJsonContext.Default.ClaudeWireRequest.SerializeHandler, Is.Not.Null);
            Assert.That(ChatCompletionsJsonContext.Default.ChatCompletionsRequestDto.SerializeHandler, Is.Not.Null);
        });
    }

    private static ChatRequest Conversation()
    {
        using var schema = JsonDocument.Parse("""{"type":"object","properties":{"channel":{"type":"string"}}}""");
        var request = new ChatRequest(
        [
            ChatMessage.FromSystem("Be brief."),
            ChatMessage.FromUser("Is battery B warm? \"quoted\" é"),
            ChatMessage.FromToolCalls(
            [
                ChatToolCall.Parse("call_1", "read_sensor", """{"channel":"battery_b_temp"}"""),
                ChatToolCall.Parse("call:2", "read_sensor", """{"channel":"battery_a_temp"}"""),
            ], "Checking."),
            ChatMessage.FromToolResult("call_1", "29.3"),
            ChatMessage.FromToolResult("call:2", "sensor offline", isError: true),
            ChatMessage.FromAssistant("It is 29.3 C."),
            ChatMessage.FromSystem("Now be verbose."),
            ChatMessage.FromUser("And battery A?"),
        ])
        {
            MaxOutputTokens = 300,
            Temperature = 0.2,
            TopP = 0.9,
            ResponseFormat = ChatResponseFormat.ForJsonSchema(schema.RootElement, "report"),
        };
        request.StopSequences.Add("END");
        request.Tools.Add(new ChatToolDefinition("read_sensor", "Reads a channel.", schema.RootElement));
        request.ToolChoice = ChatToolChoice.Auto;
        return request;
    }

    private const string ClaudeBytes =
        """
        {"model":"claude-sonnet-4-5","max_tokens":300,"system":[{"type":"text","text":"Be brief."},{"type":"text","text":"Now be verbose."}],"messages":[{"role":"user","content":"Is battery B warm? \u0022quoted\u0022 \u00E9"},{"role":"assistant","content":[{"type":"text","text":"Checking."},{"type":"tool_use","id":"call_1","name":"read_sensor","input":{"channel":"battery_b_temp"}},{"type":"tool_use","id":"call_2","name":"read_sensor","input":{"channel":"battery_a_temp"}}]},{"role":"user","content":[{"type":"tool_result","tool_use_id":"call_1","content":"29.3"},{"type":"tool_result","tool_use_id":"call_2","content":"sensor offline","is_error":true}]},{"role":"assistant","content":"It is 29.3 C."},{"role":"user","content":"And battery A?"}],"temperature":0.2,"top_p":0.9,"stop_sequences":["END"],"tools":[{"name":"read_sensor","description":"Reads a channel.","input_schema":{"type":"object","properties":{"channel":{"type":"string"}}}}],"tool_choice":{"type":"auto"},"output_config":{"format":{"type":"json_schema","schema":{"type":"object","properties":{"channel":{"type":"string"}}}}},"stream":true}
        """;

    private const string ChatCompletionsBytes =
        """
        {"model":"grok-4","messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Is battery B warm? \u0022quoted\u0022 \u00E9"},{"role":"assistant","content":"Checking.","tool_calls":[{"id":"call_1","type":"function","function":{"name":"read_sensor","arguments":"{\u0022channel\u0022:\u0022battery_b_temp\u0022}"}},{"id":"call:2","type":"function","function":{"name":"read_sensor","arguments":"{\u0022channel\u0022:\u0022battery_a_temp\u0022}"}}]},{"role":"tool","content":"29.3","tool_call_id":"call_1"},{"role":"tool","content":"Error: sensor offline","tool_call_id":"call:2"},{"role":"assistant","content":"It is 29.3 C."},{"role":"system","content":"Now be verbose."},{"role":"user","content":"And battery A?"}],"max_completion_tokens":300,"temperature":0.2,"top_p":0.9,"stop":["END"],"tools":[{"type":"function","function":{"name":"read_sensor","description":"Reads a channel.","parameters":{"type":"object","properties":{"channel":{"type":"string"}}}}}],"tool_choice":"auto","response_format":{"type":"json_schema","json_schema":{"name":"report","schema":{"type":"object","properties":{"channel":{"type":"string"}}},"strict":true}},"stream":true,"stream_options":{"include_usage":true}}
        """;
}
