using System.Text.Json;

namespace MultiModel.Tests.TestSupport;

/// <summary>Tools, schemas and a conversation with one finished tool round trip, shared by the tool and structured-output tests.</summary>
internal static class ToolTestData
{
    public const string WeatherSchemaJson = """
        {"type":"object","properties":{"latitude":{"type":"string"},"longitude":{"type":"string"}},"required":["latitude","longitude"]}
        """;

    public const string PersonSchemaJson = """
        {"type":"object","properties":{"name":{"type":"string"},"age":{"type":"integer"}},"required":["name","age"],"additionalProperties":false}
        """;

    public const string BerlinArguments = """{"latitude":"52.5200","longitude":"13.4050"}""";

    public static JsonElement Json(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    public static ChatToolDefinition Weather() => new("weather", "Gets the current weather at a position.", Json(WeatherSchemaJson));

    public static ChatToolDefinition BestLanguage() => new("best_language_to_learn", null, Json("""{"type":"object","properties":{}}"""));

    public static ChatResponseFormat PersonFormat() => ChatResponseFormat.ForJsonSchema(Json(PersonSchemaJson), "person");

    /// <summary>Gets a request whose conversation already holds one tool call and its result, then asks again.</summary>
    public static ChatRequest AfterToolRoundTrip(string callId = "call_20441690")
    {
        var request = new ChatRequest([
            ChatMessage.FromSystem("You are terse."),
            ChatMessage.FromUser("Weather in Berlin?"),
            ChatMessage.FromToolCalls([ChatToolCall.Parse(callId, "weather", BerlinArguments)], "Let me check."),
            ChatMessage.FromToolResult(callId, "15 C, wind 10 km/h"),
        ]);
        request.Tools.Add(Weather());
        return request;
    }
}
