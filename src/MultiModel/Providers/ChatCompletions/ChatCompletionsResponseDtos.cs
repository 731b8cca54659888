using System.Text.Json;
using System.Text.Json.Serialization;

namespace MultiModel.Providers.ChatCompletions;

/// <summary>A whole <c>chat.completion</c> or one <c>chat.completion.chunk</c>; unknown members are ignored.</summary>
internal sealed class ChatCompletionsResponseDto
{
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    [JsonPropertyName("model")]
    public string? Model { get; init; }

    [JsonPropertyName("choices")]
    public List<ChatCompletionsChoiceDto?>? Choices { get; init; }

    [JsonPropertyName("usage")]
    public ChatCompletionsUsageDto? Usage { get; init; }

    /// <summary>Gets an error sent in place of an answer (an object or a string), or <see langword="null"/>.</summary>
    [JsonPropertyName("error")]
    public JsonElement? Error { get; init; }

    public bool HasError => Error is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) };

    public ChatCompletionsChoiceDto? FirstChoice => Choices is [var first, ..] ? first : null;
}

/// <summary>One choice: <c>message</c> in a whole answer, <c>delta</c> in a chunk.</summary>
internal sealed class ChatCompletionsChoiceDto
{
    [JsonPropertyName("message")]
    public ChatCompletionsAnswerDto? Message { get; init; }

    [JsonPropertyName("delta")]
    public ChatCompletionsAnswerDto? Delta { get; init; }

    [JsonPropertyName("finish_reason")]
    public string? FinishReason { get; init; }

    [JsonPropertyName("logprobs")]
    public ChatCompletionsLogprobsDto? Logprobs { get; init; }
}

/// <summary>The parts of a message or delta: text, reasoning, refusal and tool calls.</summary>
internal sealed class ChatCompletionsAnswerDto
{
    [JsonPropertyName("tool_calls")]
    public List<ChatCompletionsToolCallDto?>? ToolCalls { get; init; }

    [JsonPropertyName("content")]
    public string? Content { get; init; }

    [JsonPropertyName("reasoning_content")]
    public string? ReasoningContent { get; init; }

    [JsonPropertyName("refusal")]
    public string? Refusal { get; init; }
}

/// <summary>A tool call: whole in a message, possibly a fragment in a delta (then <c>index</c> says which call it continues).</summary>
internal sealed class ChatCompletionsToolCallDto
{
    [JsonPropertyName("index")]
    public int? Index { get; init; }

    [JsonPropertyName("id")]
    public string? Id { get; init; }

    [JsonPropertyName("type")]
    public string? Type { get; init; }

    [JsonPropertyName("function")]
    public ChatCompletionsFunctionCallDto? Function { get; init; }
}

/// <summary>The function part of a tool call; <c>arguments</c> is JSON text (or a fragment of it).</summary>
internal sealed class ChatCompletionsFunctionCallDto
{
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    [JsonPropertyName("arguments")]
    public string? Arguments { get; init; }
}

/// <summary>The log probabilities of a choice.</summary>
internal sealed class ChatCompletionsLogprobsDto
{
    [JsonPropertyName("content")]
    public List<ChatCompletionsTokenLogprobDto?>? Content { get; init; }
}

/// <summary>The log probability of one token.</summary>
internal sealed class ChatCompletionsTokenLogprobDto
{
    [JsonPropertyName("token")]
    public string? Token { get; init; }

    [JsonPropertyName("logprob")]
    public double Logprob { get; init; }
}

/// <summary>The token accounting of an answer.</summary>
internal sealed class ChatCompletionsUsageDto
{
    [JsonPropertyName("prompt_tokens")]
    public long? PromptTokens { get; init; }

    [JsonPropertyName("completion_tokens")]
    public long? CompletionTokens { get; init; }

    [JsonPropertyName("total_tokens")]
    public long? TotalTokens { get; init; }

    [JsonPropertyName("prompt_tokens_details")]
    public ChatCompletionsPromptDetailsDto? PromptTokensDetails { get; init; }

    [JsonPropertyName("completion_tokens_details")]
    public ChatCompletionsCompletionDetailsDto? CompletionTokensDetails { get; init; }
}

/// <summary>The breakdown of the prompt tokens.</summary>
internal sealed class ChatCompletionsPromptDetailsDto
{
    [JsonPropertyName("cached_tokens")]
    public long? CachedTokens { get; init; }
}

/// <summary>The breakdown of the completion tokens.</summary>
internal sealed class ChatCompletionsCompletionDetailsDto
{
    [JsonPropertyName("reasoning_tokens")]
    public long? ReasoningTokens { get; init; }
}
