namespace MultiModel.Providers.ChatCompletions;

/// <summary>What one SSE <c>data:</c> line of a chat-completions stream held.</summary>
internal enum ChatCompletionsStreamEventKind
{
    /// <summary>A blank data line; ignored.</summary>
    Empty,

    /// <summary>A <c>chat.completion.chunk</c> (possibly JSON <c>null</c>).</summary>
    Chunk,

    /// <summary>A chunk carrying an <c>error</c> key, or an <c>event: error</c>.</summary>
    Error,

    /// <summary>The <c>[DONE]</c> end marker.</summary>
    Done,
}

/// <summary>One parsed SSE event of a chat-completions stream.</summary>
internal readonly record struct ChatCompletionsStreamEvent(
    ChatCompletionsStreamEventKind Kind,
    ChatCompletionsResponseDto? Chunk,
    byte[]? ErrorPayload);
