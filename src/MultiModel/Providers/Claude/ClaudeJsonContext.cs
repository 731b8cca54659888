using System.Text.Json.Serialization;

namespace MultiModel.Providers.Claude;

/// <summary>The source-generated serializers of the Claude wire types (snake_case names, nulls not written).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ClaudeWireRequest))]
[JsonSerializable(typeof(List<ClaudeWireContentBlock>))]
[JsonSerializable(typeof(ClaudeWireResponse))]
[JsonSerializable(typeof(ClaudeWireStreamEvent))]
[JsonSerializable(typeof(ClaudeWireErrorEnvelope))]
internal sealed partial class ClaudeJsonContext : JsonSerializerContext
{
}
