using System.Text.Json;
using System.Text.Json.Serialization;

namespace MultiModel.Providers.ChatCompletions;

/// <summary>A whole <c>chat.completion</c> or one <c>chat.completion.chunk</c>; unknown members are ignored.</summary>
internal sealed class ChatCompletionsResponseDto
{
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    [JsonPropertyName("model")]
    public string? Model { get; set; }

    [JsonPropertyName("choices")]
    public List<ChatCompletionsChoiceDto?>? Choices { get; set; }

    [JsonPropertyName("usage")]
    public ChatCompletionsUsageDto? Usage { get; set; }

    /// <summary>Gets an error sent in place of an answer (an object or a string), or <see langword="null"/>.</summary>
    [JsonPropertyName("error")]
    public JsonElement? Error { get; set; }

    public bool HasError => Error is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) };

    public ChatCompletionsChoiceDto? FirstChoice => Choices is [var first, ..] ? first : null;
}

/// <summary>One choice: <c>message</c> in a whole answer, <c>delta</c> in a chunk.</summary>
internal sealed class ChatCompletionsChoiceDto
{
    [JsonPropertyName("message")]
    public ChatCompletionsAnswerDto? Message { get; set; }

    [JsonPropertyName("delta")]
    public ChatCompletionsAnswerDto? Delta { get; set; }

    [JsonPropertyName("finish_reason")]
    public string? FinishReason { get; set; }

    [JsonPropertyName("logprobs")]
    public ChatCompletionsLogprobsDto? Logprobs { get; set; }
}

/// <summary>The parts of a message or delta: text, reasoning, refusal and tool calls.</summary>
internal sealed class ChatCompletionsAnswerDto
{
    [JsonPropertyName("tool_calls")]
    public List<ChatCompletionsToolCallDto?>? ToolCalls { get; set; }

    [JsonPropertyName("content")]
    public string? Content { get; set; }

    [JsonPropertyName("reasoning_content")]
    public string? ReasoningContent { get; set; }

    [JsonPropertyName("refusal")]
    public string? Refusal { get; set; }
}

/// <summary>A tool call: whole in a message, possibly a fragment in a delta (then <c>index</c> says which call it continues).</summary>
internal sealed class ChatCompletionsToolCallDto
{
    [JsonPropertyName("index")]
    public int? Index { get; set; }

    [JsonPropertyName("id")]
    public string? Id { get; set; }

    [JsonPropertyName("type")]
    public string? Type { get; set; }

    [JsonPropertyName("function")]
    public ChatCompletionsFunctionCallDto? Function { get; set; }
}

/// <summary>The function part of a tool call; <c>arguments</c> is JSON text (or a fragment of it).</summary>
internal sealed class ChatCompletionsFunctionCallDto
{
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("arguments")]
    public string? Arguments { get; set; }
}

/// <summary>The log probabilities of a choice.</summary>
internal sealed class ChatCompletionsLogprobsDto
{
    [JsonPropertyName("content")]
    public List<ChatCompletionsTokenLogprobDto?>? Content { get; set; }
}

/// <summary>The log probability of one token.</summary>
internal sealed class ChatCompletionsTokenLogprobDto
{
    [JsonPropertyName("token")]
    public string? Token { get; set; }

    [JsonPropertyName("logprob")]
    public double Logprob { get; set; }
}

/// <summary>The token accounting of an answer.</summary>
internal sealed class ChatCompletionsUsageDto
{
    [JsonPropertyName("prompt_tokens")]
    public long? PromptTokens { get; set; }

    [JsonPropertyName("completion_tokens")]
    public long? CompletionTokens { get; set; }

    [JsonPropertyName("total_tokens")]
    public long? TotalTokens { get; set; }

    [JsonPropertyName("prompt_tokens_details")]
    public ChatCompletionsPromptDetailsDto? PromptTokensDetails { get; set; }

    [JsonPropertyName("completion_tokens_details")]
    public ChatCompletionsCompletionDetailsDto? CompletionTokensDetails { get; set; }
}

/// <summary>The breakdown of the prompt tokens.</summary>
internal sealed class ChatCompletionsPromptDetailsDto
{
    [JsonPropertyName("cached_tokens")]
    public long? CachedTokens { get; set; }
}

/// <summary>The breakdown of the completion tokens.</summary>
internal sealed class ChatCompletionsCompletionDetailsDto
{
    [JsonPropertyName("reasoning_tokens")]
    public long? ReasoningTokens { get; set; }
}
