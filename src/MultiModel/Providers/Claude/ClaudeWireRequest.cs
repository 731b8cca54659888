using System.Text.Json;
using System.Text.Json.Serialization;

namespace MultiModel.Providers.Claude;

/// <summary>The body of <c>POST /v1/messages</c>; null members are not written.</summary>
internal sealed class ClaudeWireRequest
{
    public required string Model { get; init; }

    public required int MaxTokens { get; init; }

    public ClaudeWireSystemPrompts? System { get; init; }

    public required List<ClaudeWireMessage> Messages { get; init; }

    public double? Temperature { get; init; }

    public double? TopP { get; init; }

    public IReadOnlyList<string>? StopSequences { get; init; }

    public IReadOnlyList<ClaudeWireTool>? Tools { get; init; }

    public ClaudeWireToolChoice? ToolChoice { get; init; }

    public ClaudeWireOutputConfig? OutputConfig { get; init; }

    public ClaudeWireThinkingConfig? Thinking { get; init; }

    public bool? Stream { get; init; }
}

/// <summary>The system prompts in conversation order: written as a string when there is one without a cache mark, as text blocks otherwise.</summary>
/// <remarks>The converter sits on this type rather than on the property, so the request keeps its source-generated fast path.</remarks>
[JsonConverter(typeof(ClaudeSystemPromptConverter))]
internal sealed class ClaudeWireSystemPrompts : List<ClaudeWireSystemPrompt>;

/// <summary>One system prompt, and whether a <c>cache_control</c> breakpoint ends it.</summary>
internal readonly record struct ClaudeWireSystemPrompt(string Text, bool Cache);

/// <summary>The <c>cache_control</c> object of a breakpoint: <c>{"type":"ephemeral"}</c>.</summary>
internal sealed class ClaudeWireCacheControl
{
    public static readonly ClaudeWireCacheControl Ephemeral = new();

    public string Type { get; } = "ephemeral";
}

/// <summary>The <c>thinking</c> object: <c>{"type":"enabled","budget_tokens":…}</c>.</summary>
internal sealed class ClaudeWireThinkingConfig
{
    public string Type { get; init; } = "enabled";

    public required int BudgetTokens { get; init; }
}

/// <summary>One conversation turn: the string shorthand for a single text block, or a list of blocks.</summary>
[JsonConverter(typeof(ClaudeWireMessageConverter))]
internal sealed class ClaudeWireMessage
{
    public required string Role { get; init; }

    /// <summary>Gets the text, when the turn is one text block.</summary>
    public string? Content { get; init; }

    /// <summary>Gets the blocks, when the turn holds tool calls or tool results.</summary>
    public List<ClaudeWireContentBlock>? Blocks { get; init; }
}

/// <summary>A request content block: <c>text</c>, <c>image</c>, <c>document</c>, <c>thinking</c>, <c>redacted_thinking</c>, <c>tool_use</c> or <c>tool_result</c>.</summary>
/// <remarks>The breakpoint is settable because it is placed on a turn's last block once the turn is complete.</remarks>
internal sealed class ClaudeWireContentBlock
{
    public required string Type { get; init; }

    public string? Text { get; init; }

    public string? Id { get; init; }

    public string? Name { get; init; }

    public JsonElement? Input { get; init; }

    public string? ToolUseId { get; init; }

    public string? Content { get; init; }

    public bool? IsError { get; init; }

    public ClaudeWireSource? Source { get; init; }

    public string? Title { get; init; }

    public string? Thinking { get; init; }

    public string? Signature { get; init; }

    public string? Data { get; init; }

    public ClaudeWireCacheControl? CacheControl { get; set; }
}

/// <summary>The <c>source</c> of an image or document block: <c>base64</c> bytes, a <c>url</c>, or plain <c>text</c>.</summary>
[JsonConverter(typeof(ClaudeWireSourceConverter))]
internal sealed class ClaudeWireSource
{
    public ReadOnlyMemory<byte> Bytes { get; init; }

    public string? MediaType { get; init; }

    public Uri? Url { get; init; }

    public string? Text { get; init; }
}

/// <summary>A custom tool definition.</summary>
internal sealed class ClaudeWireTool
{
    public required string Name { get; init; }

    public string? Description { get; init; }

    public required JsonElement InputSchema { get; init; }

    public ClaudeWireCacheControl? CacheControl { get; init; }
}

/// <summary>The <c>tool_choice</c> object: <c>auto</c>, <c>any</c>, <c>none</c>, or <c>tool</c> with a name.</summary>
internal sealed class ClaudeWireToolChoice
{
    public required string Type { get; init; }

    public string? Name { get; init; }
}

/// <summary>The <c>output_config</c> object; only <c>format</c> is written.</summary>
internal sealed class ClaudeWireOutputConfig
{
    public required ClaudeWireOutputFormat Format { get; init; }
}

/// <summary>The structured-output format <c>{"type":"json_schema","schema":…}</c>.</summary>
internal sealed class ClaudeWireOutputFormat
{
    public string Type { get; init; } = "json_schema";

    public required JsonElement Schema { get; init; }
}
