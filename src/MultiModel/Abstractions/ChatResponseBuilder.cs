using System.Text;

namespace MultiModel;

/// <summary>Gathers the updates of a streamed answer into the whole answer: text, reasoning, tool calls, log probabilities and the latest metadata.</summary>
/// <remarks>Not thread-safe: one reader adds the updates of one stream, in order.</remarks>
internal sealed class ChatResponseBuilder
{
    private readonly StringBuilder _text = new();
    private readonly StringBuilder _reasoning = new();
    private List<TokenLogprob>? _logprobs;
    private List<ChatToolCall>? _toolCalls;
    private List<ChatReasoningPart>? _reasoningParts;

    /// <summary>Initializes a new instance of the <see cref="ChatResponseBuilder"/> class, empty or starting with the content of another answer.</summary>
    /// <param name="providerName">The provider's name, until an update names one.</param>
    /// <param name="start">An answer this one continues: its text, reasoning (with its blocks) and log probabilities come first; or <see langword="null"/>.</param>
    public ChatResponseBuilder(string providerName, ChatResponseBuilder? start = null)
    {
        ProviderName = providerName;
        if (start is not null)
        {
            _text.Append(start._text);
            _reasoning.Append(start._reasoning);
            _logprobs = start._logprobs is null ? null : [.. start._logprobs];
            _reasoningParts = start._reasoningParts is null ? null : [.. start._reasoningParts];
        }
    }

    public string ProviderName { get; private set; }

    public string? ModelId { get; private set; }

    public string? ResponseId { get; private set; }

    public ChatFinishReason? FinishReason { get; private set; }

    public string? RawFinishReason { get; private set; }

    public ChatUsage? Usage { get; private set; }

    public int TextLength => _text.Length;

    public string Text => _text.ToString();

    public string? ReasoningText => _reasoning.Length == 0 ? null : _reasoning.ToString();

    public IReadOnlyList<TokenLogprob>? Logprobs => _logprobs;

    public IReadOnlyList<ChatToolCall> ToolCalls => _toolCalls ?? (IReadOnlyList<ChatToolCall>)[];

    public bool HasToolCalls => _toolCalls is not null;

    /// <summary>Adds an update: its text (unless <paramref name="text"/> is <see langword="false"/>, for text the caller appends later), reasoning, calls, log probabilities and metadata.</summary>
    public void Add(ChatResponseUpdate update, bool text = true)
    {
        _text.Append(text ? update.Text : null);
        _reasoning.Append(update.ReasoningText);
        AddRange(ref _logprobs, update.Logprobs);
        AddRange(ref _toolCalls, update.ToolCalls);
        AddRange(ref _reasoningParts, update.ReasoningParts);
        ProviderName = string.IsNullOrEmpty(update.ProviderName) ? ProviderName : update.ProviderName;
        ModelId = update.ModelId ?? ModelId;
        ResponseId = update.ResponseId ?? ResponseId;
        FinishReason = update.FinishReason ?? FinishReason;
        RawFinishReason = update.RawFinishReason ?? RawFinishReason;
        Usage = update.Usage ?? Usage;
    }

    /// <summary>Appends text held back from earlier updates.</summary>
    public void AppendText(ReadOnlySpan<char> text) => _text.Append(text);

    public ChatResponse ToResponse() => new()
    {
        Text = Text,
        ReasoningText = ReasoningText,
        ReasoningParts = _reasoningParts ?? [],
        ProviderName = ProviderName,
        ModelId = ModelId,
        ResponseId = ResponseId,
        FinishReason = FinishReason ?? ChatFinishReason.Other,
        RawFinishReason = RawFinishReason,
        Usage = Usage ?? new ChatUsage(),
        Logprobs = _logprobs,
        ToolCalls = ToolCalls,
    };

    private static void AddRange<T>(ref List<T>? list, IReadOnlyList<T>? items)
    {
        if (items is { Count: > 0 })
        {
            (list ??= []).AddRange(items);
        }
    }
}
