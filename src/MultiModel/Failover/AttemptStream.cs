using System.Text;
using MultiModel.Confidence;

namespace MultiModel.Failover;

/// <summary>The stream of one attempt: the provider's enumerator, the head held back from the caller, and the answer gathered from every update read.</summary>
internal sealed class AttemptStream
{
    private readonly StringBuilder _text = new();
    private readonly StringBuilder _reasoning = new();
    private List<ChatResponseUpdate>? _held;
    private List<TokenLogprob>? _logprobs;
    private List<ChatToolCall>? _toolCalls;

    public AttemptStream(IAsyncEnumerator<ChatResponseUpdate> enumerator, string providerName)
    {
        Enumerator = enumerator;
        ProviderName = providerName;
    }

    public IAsyncEnumerator<ChatResponseUpdate> Enumerator { get; }

    /// <summary>Gets or sets a move started while buffering the head whose result has not been read yet.</summary>
    public Task<bool>? PendingMove { get; set; }

    /// <summary>Gets the updates read before the stream was released (its head), in order.</summary>
    public IReadOnlyList<ChatResponseUpdate> Held => _held ?? (IReadOnlyList<ChatResponseUpdate>)[];

    /// <summary>Gets the provider's final update, once it came.</summary>
    public ChatResponseUpdate? Final { get; private set; }

    public bool HasContent { get; private set; }

    public string ProviderName { get; private set; }

    public string? ModelId { get; private set; }

    public string? ResponseId { get; private set; }

    public ChatFinishReason? FinishReason { get; private set; }

    public string? RawFinishReason { get; private set; }

    public ChatUsage? Usage { get; private set; }

    public int TextLength => _text.Length;

    public string Text => _text.ToString();

    /// <summary>Reads the next update, taking a move left pending by the head buffer first.</summary>
    /// <returns><see langword="false"/> when the stream ended.</returns>
    public async ValueTask<bool> MoveNextAsync()
    {
        var pending = PendingMove;
        PendingMove = null;
        return pending is not null ? await pending.ConfigureAwait(false) : await Enumerator.MoveNextAsync().ConfigureAwait(false);
    }

    /// <summary>Adds the current update to the answer (and, while the head is held back, to <see cref="Held"/>).</summary>
    /// <returns><see langword="true"/> when it carries the first content: text or a completed tool call.</returns>
    public bool AddCurrent(bool hold)
    {
        var update = Enumerator.Current;
        if (hold)
        {
            (_held ??= []).Add(update);
        }

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
        Final = update.IsFinal ? update : Final;
        var firstContent = !HasContent && (!string.IsNullOrEmpty(update.Text) || update.ToolCalls is { Count: > 0 });
        HasContent |= firstContent;
        return firstContent;
    }

    public ChatResponse ToResponse() => new()
    {
        Text = Text,
        ReasoningText = Reasoning,
        ProviderName = ProviderName,
        ModelId = ModelId,
        ResponseId = ResponseId,
        FinishReason = FinishReason ?? ChatFinishReason.Other,
        RawFinishReason = RawFinishReason,
        Usage = Usage ?? new ChatUsage(),
        Logprobs = _logprobs,
        ToolCalls = _toolCalls ?? [],
    };

    public ConfidenceContext ToPartialContext(ChatRequest request) => new()
    {
        Request = request,
        Text = Text,
        ProviderName = ProviderName,
        ModelId = ModelId,
        ReasoningText = Reasoning,
        Logprobs = _logprobs,
        ToolCalls = _toolCalls ?? [],
        IsPartial = true,
    };

    private string? Reasoning => _reasoning.Length == 0 ? null : _reasoning.ToString();
}
