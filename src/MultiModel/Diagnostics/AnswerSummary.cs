using MultiModel.Failover;

namespace MultiModel.Diagnostics;

/// <summary>What telemetry reads from an answer, whole (<see cref="ChatResponse"/>) or streamed (<see cref="StreamedAnswer"/>), without copying its text unless asked.</summary>
internal readonly struct AnswerSummary
{
    private readonly ChatResponse? _response;
    private readonly StreamedAnswer? _streamed;

    public AnswerSummary(ChatResponse response)
    {
        _response = response;
    }

    public AnswerSummary(StreamedAnswer streamed)
    {
        _streamed = streamed;
    }

    public string? ResponseId => _response?.ResponseId ?? _streamed?.ResponseId;

    public ChatFinishReason? FinishReason => _response?.FinishReason ?? _streamed?.FinishReason;

    public string? RawFinishReason => _response?.RawFinishReason ?? _streamed?.RawFinishReason;

    /// <summary>Gets the answer text (copied for a streamed answer); read only when sensitive data is enabled.</summary>
    public string Text => _response?.Text ?? _streamed?.Text ?? string.Empty;
}
