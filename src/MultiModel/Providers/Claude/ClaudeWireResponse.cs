using System.Text.Json;
using System.Text.Json.Serialization;

namespace MultiModel.Providers.Claude;

/// <summary>A Messages API answer (<c>type: message</c>), or the error envelope when <c>type</c> is <c>error</c>.</summary>
/// <remarks>Only the fields the provider reads are mapped; everything else is skipped.</remarks>
internal sealed class ClaudeWireResponse
{
    public string? Id { get; set; }

    public string? Type { get; set; }

    public string? Model { get; set; }

    public List<ClaudeWireBlock?>? Content { get; set; }

    public string? StopReason { get; set; }

    public ClaudeWireUsage? Usage { get; set; }

    public ClaudeWireError? Error { get; set; }

    public string? RequestId { get; set; }
}

/// <summary>A content block or a stream delta, read leniently by <see cref="ClaudeWireBlockConverter"/>.</summary>
[JsonConverter(typeof(ClaudeWireBlockConverter))]
internal sealed class ClaudeWireBlock
{
    /// <summary>Gets the block or delta type (<c>text</c>, <c>thinking</c>, <c>text_delta</c>, …).</summary>
    public string? Type { get; set; }

    public string? Text { get; set; }

    public string? Thinking { get; set; }

    /// <summary>Gets the signature of a <c>thinking</c> block, or of a <c>signature_delta</c>.</summary>
    public string? Signature { get; set; }

    /// <summary>Gets the opaque data of a <c>redacted_thinking</c> block.</summary>
    public string? Data { get; set; }

    /// <summary>Gets the stop reason carried by a <c>message_delta</c> delta.</summary>
    public string? StopReason { get; set; }

    /// <summary>Gets the fragment of tool input carried by an <c>input_json_delta</c>.</summary>
    public string? PartialJson { get; set; }

    /// <summary>Gets the tool fields of a <c>tool_use</c> block; <see langword="null"/> for other blocks and for deltas, which keeps a delta small.</summary>
    public ClaudeWireToolUse? ToolUse { get; set; }

    /// <summary>Gets the id of a <c>tool_use</c> block.</summary>
    public string? Id => ToolUse?.Id;

    /// <summary>Gets the tool name of a <c>tool_use</c> block.</summary>
    public string? Name => ToolUse?.Name;

    /// <summary>Gets the <c>input</c> of a <c>tool_use</c> block, whatever its JSON kind.</summary>
    public JsonElement? Input => ToolUse?.Input;
}

/// <summary>The <c>id</c>, <c>name</c> and <c>input</c> of a block, read by <see cref="ClaudeWireBlockConverter"/> when any of them is there.</summary>
internal sealed class ClaudeWireToolUse
{
    public string? Id { get; init; }

    public string? Name { get; init; }

    public JsonElement? Input { get; init; }
}

/// <summary>Token counts; every field is optional because <c>message_delta</c> repeats only some of them.</summary>
internal sealed class ClaudeWireUsage
{
    public long? InputTokens { get; set; }

    public long? CacheCreationInputTokens { get; set; }

    public long? CacheReadInputTokens { get; set; }

    public long? OutputTokens { get; set; }

    public ClaudeWireOutputTokensDetails? OutputTokensDetails { get; set; }
}

/// <summary>The breakdown of <c>output_tokens</c>.</summary>
internal sealed class ClaudeWireOutputTokensDetails
{
    public long? ThinkingTokens { get; set; }
}

/// <summary>The <c>error</c> member of the error envelope.</summary>
internal sealed class ClaudeWireError
{
    public string? Type { get; set; }

    public string? Message { get; set; }
}

/// <summary>The error envelope <c>{"type":"error","error":{…},"request_id":…}</c>, written back when a 200 body turns out to be one.</summary>
internal sealed class ClaudeWireErrorEnvelope
{
    public string Type { get; set; } = "error";

    public ClaudeWireError? Error { get; set; }

    public string? RequestId { get; set; }
}

/// <summary>One streamed event; the member that is set depends on <see cref="Type"/>.</summary>
internal sealed class ClaudeWireStreamEvent
{
    public string? Type { get; set; }

    /// <summary>Gets the message shell of <c>message_start</c>.</summary>
    public ClaudeWireResponse? Message { get; set; }

    /// <summary>Gets the block index of <c>content_block_start</c>, <c>content_block_delta</c> and <c>content_block_stop</c>.</summary>
    public int? Index { get; set; }

    /// <summary>Gets the block shell of <c>content_block_start</c>.</summary>
    public ClaudeWireBlock? ContentBlock { get; set; }

    /// <summary>Gets the delta of <c>content_block_delta</c> or <c>message_delta</c>.</summary>
    public ClaudeWireBlock? Delta { get; set; }

    /// <summary>Gets the cumulative usage of <c>message_delta</c>.</summary>
    public ClaudeWireUsage? Usage { get; set; }

    /// <summary>Gets the raw payload of an <c>error</c> event, kept for the exception.</summary>
    [JsonIgnore]
    public byte[]? ErrorPayload { get; set; }
}
