using System.Text;
using MultiModel.Internal;

namespace MultiModel.Failover;

/// <summary>The stream of one attempt: the provider's enumerator, the head held back from the caller, and the answer gathered from every update read.</summary>
/// <remarks>
/// A stream that continues a broken one starts with the partial answer, so that <see cref="Answer"/> is the whole
/// answer the caller sees; its own first text is held back until <see cref="ContinuationOverlap"/> has decided how much
/// of it repeats the partial answer, and that much is removed.
/// </remarks>
internal sealed class AttemptStream
{
    private List<ChatResponseUpdate>? _held;

    /// <summary>The partial answer whose repeated end is removed from this stream's start, and this stream's own text read while that is undecided.</summary>
    private (string Reference, StringBuilder Text)? _overlap;

    /// <summary>Initializes a new instance of the <see cref="AttemptStream"/> class.</summary>
    /// <param name="enumerator">The provider's enumerator.</param>
    /// <param name="providerName">The provider's name, until an update names one.</param>
    /// <param name="continues">The stream whose answer this one continues, or <see langword="null"/>.</param>
    /// <param name="overlapReference">The partial answer the provider was asked to continue (for a nested chain it may start before <paramref name="continues"/>'s text).</param>
    public AttemptStream(IAsyncEnumerator<ChatResponseUpdate> enumerator, string providerName, AttemptStream? continues = null, string? overlapReference = null)
    {
        Enumerator = enumerator;
        Answer = new ChatResponseBuilder(providerName, continues?.Answer);
        Start = Answer.TextLength;
        _overlap = continues is null || overlapReference is null ? null : (overlapReference, new StringBuilder());
    }

    public IAsyncEnumerator<ChatResponseUpdate> Enumerator { get; }

    /// <summary>Gets the whole answer so far: the partial answer this stream continues, then its own text.</summary>
    public ChatResponseBuilder Answer { get; }

    /// <summary>Gets or sets a move started while buffering the head whose result has not been read yet.</summary>
    public Task<bool>? PendingMove { get; set; }

    /// <summary>Gets the updates read before the stream was released (its head), in order.</summary>
    public IReadOnlyList<ChatResponseUpdate> Held => _held ?? (IReadOnlyList<ChatResponseUpdate>)[];

    /// <summary>Gets the provider's final update, once it came.</summary>
    public ChatResponseUpdate? Final { get; private set; }

    public bool HasContent { get; private set; }

    /// <summary>Gets the length of the partial answer this stream continues (0 for a first stream): where its own text starts in <see cref="Answer"/>.</summary>
    public int Start { get; }

    /// <summary>Gets the number of characters of this stream's own text (after a removed overlap).</summary>
    public int ContentLength => Answer.TextLength - Start;

    /// <summary>Gets how many characters of this stream's start repeated the partial answer it continues, and were removed.</summary>
    public int OverlapLength { get; private set; }

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
        if (hold || _overlap is not null)
        {
            (_held ??= []).Add(update);
        }

        Answer.Add(update, text: _overlap is null);
        Final = update.IsFinal ? update : Final;
        if (_overlap is var (reference, pending) && pending.Append(update.Text).ToString() is var start
            && ContinuationOverlap.Find(reference, start, update.IsFinal || Answer.HasToolCalls) is { } overlap)
        {
            // Decided: the rest of the held text joins the answer, and the repeated start leaves the held updates.
            (OverlapLength, _overlap) = (overlap, null);
            Answer.AppendText(start.AsSpan(overlap));
            ContinuationOverlap.RemoveFrom(_held!, overlap);
            Final = Final is null ? null : _held![^1];
        }

        var firstContent = !HasContent && _overlap is null && (ContentLength > 0 || Answer.HasToolCalls);
        HasContent |= firstContent;
        return firstContent;
    }
}
