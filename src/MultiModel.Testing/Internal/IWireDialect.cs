namespace MultiModel.Testing.Internal;

/// <summary>The parts of a provider's wire format that differ between Anthropic and xAI.</summary>
internal interface IWireDialect
{
    /// <summary>Gets the content type of a streamed answer.</summary>
    string StreamContentType { get; }

    /// <summary>Writes an error status with the provider's error body and headers.</summary>
    Task WriteErrorAsync(EmulatorExchange exchange, int status, string? errorType, string? message, TimeSpan? retryAfter);

    /// <summary>Gets the status, error type and message the provider uses when it is overloaded.</summary>
    (int Status, string? ErrorType, string Message) Overloaded(EmulatorExchange exchange);

    /// <summary>Gets the status, error type and message the provider uses for a prompt over the context window.</summary>
    (int Status, string? ErrorType, string Message) ContextTooLong(EmulatorExchange exchange);

    /// <summary>Gets the status a whole call gets instead of an in-stream error of the given type.</summary>
    int StatusForStreamError(string? errorType);

    /// <summary>Writes the headers every successful answer carries.</summary>
    void WriteSuccessHeaders(EmulatorExchange exchange);

    /// <summary>Builds a whole JSON answer.</summary>
    byte[] JsonAnswer(EmulatorExchange exchange, AnswerPlan plan);

    /// <summary>Builds the events sent before the first delta.</summary>
    IEnumerable<SseEvent> StreamStart(EmulatorExchange exchange, AnswerPlan plan);

    /// <summary>Builds the event that carries delta <paramref name="index"/>.</summary>
    SseEvent StreamDelta(EmulatorExchange exchange, AnswerPlan plan, int index);

    /// <summary>Builds the events after the last delta, up to and including the end marker.</summary>
    IEnumerable<SseEvent> StreamEnd(EmulatorExchange exchange, AnswerPlan plan);

    /// <summary>Builds the in-band error event.</summary>
    SseEvent StreamError(EmulatorExchange exchange, string? errorType, string? message);

    /// <summary>Builds an event whose data is not valid JSON.</summary>
    SseEvent StreamMalformed(EmulatorExchange exchange);
}
