using System.Text;

namespace MultiModel.Providers.Claude;

/// <summary>Rebuilds streamed <c>thinking</c> and <c>redacted_thinking</c> blocks into <see cref="ChatReasoningPart"/>s, signature included.</summary>
/// <remarks>
/// A thinking block streams as <c>content_block_start</c>, <c>thinking_delta</c> pieces, one <c>signature_delta</c>
/// and <c>content_block_stop</c>; a redacted block arrives whole in its start. Completed blocks wait in the reader
/// until the stream hands them to the caller on its next update (<see cref="TakeCompleted"/>). One instance follows
/// one stream; it is not thread-safe.
/// </remarks>
internal sealed class ClaudeReasoningReader
{
    private List<ChatReasoningPart>? _completed;
    private int? _index;
    private StringBuilder? _text;
    private string? _signature;
    private string? _redactedData;

    /// <summary>Starts the block announced by <c>content_block_start</c> (<c>thinking</c> or <c>redacted_thinking</c>).</summary>
    public void Start(int? index, ClaudeWireBlock block)
    {
        _index = index;
        _text = block.Type == "thinking" ? new StringBuilder(block.Thinking) : null;
        _signature = block.Signature;
        _redactedData = block.Type == "redacted_thinking" ? block.Data : null;
    }

    /// <summary>Appends a <c>thinking_delta</c> piece to the block at <paramref name="index"/>.</summary>
    public void Append(int? index, string text)
    {
        if (index == _index)
        {
            _text?.Append(text);
        }
    }

    /// <summary>Records the <c>signature_delta</c> of the block at <paramref name="index"/>.</summary>
    public void Sign(int? index, string signature)
    {
        if (index == _index)
        {
            _signature = signature;
        }
    }

    /// <summary>Completes the block at <paramref name="index"/> if it is a pending reasoning block that carries something.</summary>
    public void Complete(int? index)
    {
        if (index is null || index != _index)
        {
            return;
        }

        var (text, signature, redacted) = (_text?.ToString(), _signature, _redactedData);
        (_index, _text, _signature, _redactedData) = (null, null, null, null);
        var part = !string.IsNullOrEmpty(redacted) ? ChatContentPart.FromRedactedReasoning(redacted)
            : text is not null && (text.Length > 0 || !string.IsNullOrEmpty(signature)) ? ChatContentPart.FromReasoning(text, signature)
            : null;
        if (part is not null)
        {
            (_completed ??= []).Add(part);
        }
    }

    /// <summary>Hands over the blocks completed since the last call, once; <see langword="null"/> when there are none.</summary>
    public List<ChatReasoningPart>? TakeCompleted()
    {
        var completed = _completed;
        _completed = null;
        return completed;
    }
}
