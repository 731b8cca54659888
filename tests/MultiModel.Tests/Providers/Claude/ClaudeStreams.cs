namespace MultiModel.Tests.Providers.Claude;

/// <summary>Composed Messages API event streams shared by several tests.</summary>
internal static class ClaudeStreams
{
    /// <summary>A thinking block ("Check the sensor.", in two deltas, signed <c>EqQBCgIYAh</c>), then a <c>read_sensor</c> tool call <c>toolu_1</c>.</summary>
    public const string ThinkingThenToolUse = """
        event: message_start
        data: {"type":"message_start","message":{"id":"msg_2","model":"claude-sonnet-4-5","content":[],"usage":{"input_tokens":20,"output_tokens":1}}}

        event: content_block_start
        data: {"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":"","signature":""}}

        event: content_block_delta
        data: {"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"Check "}}

        event: content_block_delta
        data: {"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"the sensor."}}

        event: content_block_delta
        data: {"type":"content_block_delta","index":0,"delta":{"type":"signature_delta","signature":"EqQBCgIYAh"}}

        event: content_block_stop
        data: {"type":"content_block_stop","index":0}

        event: content_block_start
        data: {"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"toolu_1","name":"read_sensor","input":{}}}

        event: content_block_stop
        data: {"type":"content_block_stop","index":1}

        event: message_delta
        data: {"type":"message_delta","delta":{"stop_reason":"tool_use"},"usage":{"output_tokens":40}}

        event: message_stop
        data: {"type":"message_stop"}


        """;
}
