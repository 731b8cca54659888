using System.Text.Json;
using System.Text.Json.Nodes;

namespace MultiModel.Tests.Conformance;

/// <summary>Compares tool arguments as JSON values, not as text.</summary>
internal static class ToolJson
{
    public static string Normalize(string json) => JsonNode.Parse(json)?.ToJsonString() ?? "null";

    public static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
