using System.Text.Json;
using System.Text.Json.Serialization;

namespace MultiModel.Providers.ChatCompletions;

/// <summary>The body of <c>POST /chat/completions</c>; null members are omitted.</summary>
internal sealed class ChatCompletionsRequestDto
{
    [JsonPropertyName("model")]
    public required string Model { get; init; }

    [JsonPropertyName("messages")]
    public required ChatCompletionsMessageDto[] Messages { get; init; }

    [JsonPropertyName("max_completion_tokens")]
    public int? MaxCompletionTokens { get; init; }

    [JsonPropertyName("temperature")]
    public double? Temperature { get; init; }

    [JsonPropertyName("top_p")]
    public double? TopP { get; init; }

    [JsonPropertyName("stop")]
    public string[]? Stop { get; init; }

    [JsonPropertyName("logprobs")]
    public bool? Logprobs { get; init; }

    [JsonPropertyName("top_logprobs")]
    public int? TopLogprobs { get; init; }

    [JsonPropertyName("tools")]
    public ChatCompletionsToolDto[]? Tools { get; init; }

    [JsonPropertyName("tool_choice")]
    public ChatCompletionsToolChoiceDto? ToolChoice { get; init; }

    [JsonPropertyName("response_format")]
    public ChatCompletionsResponseFormatDto? ResponseFormat { get; init; }

    [JsonPropertyName("reasoning_effort")]
    public string? ReasoningEffort { get; init; }

    [JsonPropertyName("stream")]
    public bool? Stream { get; init; }

    [JsonPropertyName("stream_options")]
    public ChatCompletionsStreamOptionsDto? StreamOptions { get; init; }
}

/// <summary>One message of the request: text, an assistant's <c>tool_calls</c>, or a <c>tool</c> result.</summary>
internal sealed class ChatCompletionsMessageDto
{
    [JsonPropertyName("role")]
    public required string Role { get; init; }

    /// <summary>Gets the text or the parts; <see langword="null"/> (omitted) only for an assistant message with tool calls and no text.</summary>
    [JsonPropertyName("content")]
    public ChatCompletionsContent? Content { get; init; }

    [JsonPropertyName("tool_calls")]
    public ChatCompletionsToolCallDto[]? ToolCalls { get; init; }

    [JsonPropertyName("tool_call_id")]
    public string? ToolCallId { get; init; }
}

/// <summary>A function tool definition.</summary>
internal sealed class ChatCompletionsToolDto
{
    [JsonPropertyName("type")]
    public string Type { get; init; } = "function";

    [JsonPropertyName("function")]
    public required ChatCompletionsFunctionDto Function { get; init; }
}

/// <summary>The function of a tool definition.</summary>
internal sealed class ChatCompletionsFunctionDto
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("description")]
    public string? Description { get; init; }

    [JsonPropertyName("parameters")]
    public required JsonElement Parameters { get; init; }
}

/// <summary>The <c>response_format</c> object for a JSON schema.</summary>
internal sealed class ChatCompletionsResponseFormatDto
{
    [JsonPropertyName("type")]
    public string Type { get; init; } = "json_schema";

    [JsonPropertyName("json_schema")]
    public required ChatCompletionsJsonSchemaDto JsonSchema { get; init; }
}

/// <summary>The named schema of a <c>json_schema</c> response format.</summary>
internal sealed class ChatCompletionsJsonSchemaDto
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("description")]
    public string? Description { get; init; }

    [JsonPropertyName("schema")]
    public required JsonElement Schema { get; init; }

    [JsonPropertyName("strict")]
    public bool Strict { get; init; } = true;
}

/// <summary>Asks for a final usage chunk in a stream.</summary>
internal sealed class ChatCompletionsStreamOptionsDto
{
    [JsonPropertyName("include_usage")]
    public bool IncludeUsage { get; init; }
}
