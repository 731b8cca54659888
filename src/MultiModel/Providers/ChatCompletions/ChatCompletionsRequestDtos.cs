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

    [JsonPropertyName("stream")]
    public bool? Stream { get; init; }

    [JsonPropertyName("stream_options")]
    public ChatCompletionsStreamOptionsDto? StreamOptions { get; init; }
}

/// <summary>One text message of the request.</summary>
internal sealed class ChatCompletionsMessageDto
{
    [JsonPropertyName("role")]
    public required string Role { get; init; }

    [JsonPropertyName("content")]
    public required string Content { get; init; }
}

/// <summary>Asks for a final usage chunk in a stream.</summary>
internal sealed class ChatCompletionsStreamOptionsDto
{
    [JsonPropertyName("include_usage")]
    public bool IncludeUsage { get; init; }
}
