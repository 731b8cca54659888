using System.Text;
using MultiModel.Confidence;
using MultiModel.Internal;

namespace MultiModel.Failover;

/// <summary>The stream of one attempt: the provider's enumerator, the head held back from the caller, and the answer gathered from every update read.</summary>
/// <remarks>
/// A stream that continues a broken one starts with the partial answer (its text, reasoning and log probabilities),
/// so that <see cref="Text"/> is the whole answer the caller sees; its own first text is held back until the
/// <see cref="ContinuationOverlap"/> rule has decided how much of it repeats the partial answer, and that much is removed.
/// </remarks>
internal sealed class AttemptStream
{
    private readonly StringBuilder _text = new();
    private readonly StringBuilder _reasoning = new();
    private readonly int _start;
    private List<ChatResponseUpdate>? _held;
    private List<TokenLogprob>? _logprobs;
    private List<ChatToolCall>? _toolCalls;
    private List<ChatReasoningPart>? _reasoningParts;

    /// <summary>The partial answer whose repeated end is removed from this stream's start, until the overlap is decided.</summary>
    private string? _overlapReference;

    /// <summary>This stream's own text read while the overlap is undecided.</summary>
    private StringBuilder? _pending;

    /// <summary>Initializes a new instance of the <see cref="AttemptStream"/> class.</summary>
    /// <param name="enumerator">The provider's enumerator.</param>
    /// <param name="providerName">The provider's name, until an update names one.</param>
    /// <param name="continues">The stream whose answer this one continues, or <see langword="null"/>.</param>
    /// <param name="overlapReference">The partial answer the provider was asked to continue (for a nested chain it may start before <paramref name="continues"/>'s text).</param>
    public AttemptStream(IAsyncEnumerator<ChatResponseUpdate> enumerator, string providerName, AttemptStream? continues = null, string? overlapReference = null)
    {
        Enumerator = enumerator;
        ProviderName = providerName;
        if (continues is not null)
        {
            _text.Append(continues._text);
            _reasoning.Append(continues._reasoning);
            _logprobs = continues._logprobs is null ? null : [.. continues._logprobs];
            _reasoningParts = continues._reasoningParts is null ? null : [.. continues._reasoningParts];
            _start = _text.Length;
            _overlapReference = overlapReference;
            _pending = new StringBuilder();
        }
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

    /// <summary>Gets the length of the partial answer this stream continues (0 for a first stream): where its own text starts in <see cref="Text"/>.</summary>
    public int Start => _start;

    /// <summary>Gets the number of characters of this stream's own text (after a removed overlap).</summary>
    public int ContentLength => _text.Length - _start;

    /// <summary>Gets how many characters of this stream's start repeated the partial answer it continues, and were removed.</summary>
    public int OverlapLength { get; private set; }

    /// <summary>Gets the whole answer so far: the partial answer this stream continues, then its own text.</summary>
    public string Text => _text.ToString();

    /// <summary>Reads the next update, taking a move left pending by the head buffer first.</summary>
    /// <returns><see langword="false"/> when the stream ended.</returns>
    public async ValueTask<bool> MoveNextAsync()
    {
        var pending = PendingMove;
        PendingMove = null;
        return pending is not null ? await pending.ConfigureAwait(false) : await Enumerator.MoveNextAsync().ConfigureAwait(false);
    }

    /// <summary>Adds the current update to the answer (and, while the head is held back or the overlap undecided, to <see cref="Held"/>).</summary>
    /// <returns><see langword="true"/> when it carries the first content: text or a completed tool call.</returns>
    public bool AddCurrent(bool hold)
    {
        var update = Enumerator.Current;
        var splicing = _overlapReference is not null;
        if (hold || splicing)
        {
            (_held ??= []).Add(update);
        }

        (splicing ? _pending! : _text).Append(update.Text);
        _reasoning.Append(update.ReasoningText);
        if (update.Logprobs is { Count: > 0 } logprobs)
        {
            (_logprobs ??= []).AddRange(logprobs);
        }

        if (update.ToolCalls is { Count: > 0 } toolCalls)
        {
            (_toolCalls ??= []).AddRange(toolCalls);
        }

        if (update.ReasoningParts is { Count: > 0 } reasoningParts)
        {
            (_reasoningParts ??= []).AddRange(reasoningParts);
        }

        ProviderName = string.IsNullOrEmpty(update.ProviderName) ? ProviderName : update.ProviderName;
        ModelId = update.ModelId ?? ModelId;
        ResponseId = update.ResponseId ?? ResponseId;
        FinishReason = update.FinishReason ?? FinishReason;
        RawFinishReason = update.RawFinishReason ?? RawFinishReason;
        Usage = update.Usage ?? Usage;
        Final = update.IsFinal ? update : Final;
        if (splicing && ContinuationOverlap.Find(_overlapReference!, _pending!.ToString(), complete: update.IsFinal || _toolCalls is not null) is { } overlap)
        {
            RemoveOverlap(overlap);
        }

        var firstContent = !HasContent && _overlapReference is null && (ContentLength > 0 || _toolCalls is not null);
        HasContent |= firstContent;
        return firstContent;
    }

    public ChatResponse ToResponse() => new()
    {
        Text = Text,
        ReasoningText = Reasoning,
        ReasoningParts = _reasoningParts ?? [],
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

    /// <summary>Removes the decided overlap from the text held back and from the held updates (an update left with nothing is dropped), and ends the splice.</summary>
    private void RemoveOverlap(int overlap)
    {
        OverlapLength = overlap;
        _text.Append(_pending!, overlap, _pending!.Length - overlap);
        (_overlapReference, _pending) = (null, null);
        var held = _held!;
        for (var i = 0; i < held.Count && overlap > 0; i++)
        {
            if (held[i].Text is not { Length: > 0 } text)
            {
                continue;
            }

            var cut = Math.Min(overlap, text.Length);
            overlap -= cut;
            var rest = new ChatResponseUpdate(held[i]) { Text = cut == text.Length ? null : text[cut..] };
            if (rest is { Text: null, ReasoningText: null, ReasoningParts: null, ToolCalls: null, Logprobs: null, IsFinal: false })
            {
                held.RemoveAt(i--);
            }
            else
            {
                held[i] = rest;
            }
        }

        Final = Final is null ? null : held[^1];
    }
}
