using System.Text.Json.Serialization;

namespace MultiModel.Providers.Claude;

/// <summary>The body of <c>POST /v1/messages</c>; null members are not written.</summary>
internal sealed class ClaudeWireRequest
{
    public required string Model { get; init; }

    public required int MaxTokens { get; init; }

    /// <summary>Gets the system prompts: written as a string when there is one, as text blocks when there are several.</summary>
    [JsonConverter(typeof(ClaudeSystemPromptConverter))]
    public IReadOnlyList<string>? System { get; init; }

    public required IReadOnlyList<ClaudeWireMessage> Messages { get; init; }

    public double? Temperature { get; init; }

    public double? TopP { get; init; }

    public IReadOnlyList<string>? StopSequences { get; init; }

    public bool? Stream { get; init; }
}

/// <summary>One conversation turn, in the string shorthand for a single text block.</summary>
internal sealed class ClaudeWireMessage
{
    public required string Role { get; init; }

    public required string Content { get; init; }
}
