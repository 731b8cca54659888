using System.Text;
using MultiModel.Confidence;

namespace MultiModel.Failover;

/// <summary>Accumulates the streamed pieces of one answer so it can be scored and reported as a whole.</summary>
internal sealed class StreamedAnswer
{
    private readonly StringBuilder _text = new();
    private readonly StringBuilder _reasoning = new();
    private List<TokenLogprob>? _logprobs;
    private List<ChatToolCall>? _toolCalls;

    public StreamedAnswer(string providerName)
    {
        ProviderName = providerName;
    }

    public string ProviderName { get; private set; }

    public string? ModelId { get; private set; }

    public string? ResponseId { get; private set; }

    public ChatFinishReason? FinishReason { get; private set; }

    public string? RawFinishReason { get; private set; }

    public ChatUsage? Usage { get; private set; }

    public int TextLength => _text.Length;

    public string Text => _text.ToString();

    public void Add(ChatResponseUpdate update)
    {
        _text.Append(update.Text);
        _reasoning.Append(update.ReasoningText);
        if (update.Logprobs is { Count: > 0 } logprobs)
        {
            (_logprobs ??= []).AddRange(logprobs);
        }

        if (update.ToolCalls is { Count: > 0 } toolCalls)
        {
            (_toolCalls ??= []).AddRange(toolCalls);
        }

        ProviderName = string.IsNullOrEmpty(update.ProviderName) ? ProviderName : update.ProviderName;
        ModelId = update.ModelId ?? ModelId;
        ResponseId = update.ResponseId ?? ResponseId;
        FinishReason = update.FinishReason ?? FinishReason;
        RawFinishReason = update.RawFinishReason ?? RawFinishReason;
        Usage = update.Usage ?? Usage;
    }

    public ConfidenceContext ToContext(ChatRequest request, bool partial) => new()
    {
        Request = request,
        Text = Text,
        ProviderName = ProviderName,
        ModelId = ModelId,
        ReasoningText = _reasoning.Length == 0 ? null : _reasoning.ToString(),
        FinishReason = partial ? null : FinishReason ?? ChatFinishReason.Other,
        Logprobs = _logprobs,
        ToolCalls = _toolCalls ?? [],
        IsPartial = partial,
    };

    public ChatResponse ToResponse(ConfidenceScore score) => new()
    {
        Text = Text,
        ReasoningText = _reasoning.Length == 0 ? null : _reasoning.ToString(),
        ProviderName = ProviderName,
        ModelId = ModelId,
        ResponseId = ResponseId,
        FinishReason = FinishReason ?? ChatFinishReason.Other,
        RawFinishReason = RawFinishReason,
        Usage = Usage ?? new ChatUsage(),
        Logprobs = _logprobs,
        ToolCalls = _toolCalls ?? [],
        Confidence = score,
        IsBelowThreshold = !score.MeetsThreshold,
    };
}
