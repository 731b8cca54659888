using System.Text.Json.Serialization;

namespace MultiModel.Benchmarks.Raw;

/// <summary>The smallest Anthropic request body the Messages API accepts.</summary>
internal sealed class RawAnthropicRequest
{
    public required string Model { get; init; }

    public int MaxTokens { get; init; }

    public required RawMessage[] Messages { get; init; }

    public bool? Stream { get; init; }
}

/// <summary>The smallest chat-completions request body.</summary>
internal sealed class RawXaiRequest
{
    public required string Model { get; init; }

    public int? MaxCompletionTokens { get; init; }

    public required RawMessage[] Messages { get; init; }

    public bool? Stream { get; init; }
}

internal sealed class RawMessage
{
    public required string Role { get; init; }

    public required string Content { get; init; }
}

/// <summary>The fields of a Messages API answer a caller needs: text, stop reason, usage.</summary>
internal sealed class RawAnthropicResponse
{
    public string? Id { get; init; }

    public string? Model { get; init; }

    public List<RawAnthropicBlock>? Content { get; init; }

    public string? StopReason { get; init; }

    public RawAnthropicUsage? Usage { get; init; }
}

internal sealed class RawAnthropicBlock
{
    public string? Type { get; init; }

    public string? Text { get; init; }
}

internal sealed class RawAnthropicUsage
{
    public int InputTokens { get; init; }

    public int OutputTokens { get; init; }
}

/// <summary>One Messages API stream event; only text deltas are read.</summary>
internal sealed class RawAnthropicEvent
{
    public string? Type { get; init; }

    public RawAnthropicBlock? Delta { get; init; }
}

/// <summary>A chat completion or a stream chunk: the first choice's text and finish reason, and the usage.</summary>
internal sealed class RawXaiResponse
{
    public string? Id { get; init; }

    public string? Model { get; init; }

    public List<RawXaiChoice>? Choices { get; init; }

    public RawXaiUsage? Usage { get; init; }
}

internal sealed class RawXaiChoice
{
    public RawXaiMessage? Message { get; init; }

    public RawXaiMessage? Delta { get; init; }

    public string? FinishReason { get; init; }
}

internal sealed class RawXaiMessage
{
    public string? Content { get; init; }
}

internal sealed class RawXaiUsage
{
    public int PromptTokens { get; init; }

    public int CompletionTokens { get; init; }
}

/// <summary>Source-generated serializers for the raw baseline.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RawAnthropicRequest))]
[JsonSerializable(typeof(RawAnthropicResponse))]
[JsonSerializable(typeof(RawAnthropicEvent))]
[JsonSerializable(typeof(RawXaiRequest))]
[JsonSerializable(typeof(RawXaiResponse))]
internal sealed partial class RawJsonContext : JsonSerializerContext
{
}
