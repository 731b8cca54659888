namespace MultiModel.Internal;

/// <summary>The rule that finds where a continuation repeats the end of the partial answer it continues.</summary>
/// <remarks>
/// <para>
/// The overlap is the longest text, of at most <see cref="MaxLength"/> characters, that both ends the partial answer
/// and starts the continuation, and that begins where a word begins in the partial answer (at its start, or where a
/// letter or digit does not follow another letter or digit). "The capital of Fr" continued with "France is Paris."
/// overlaps by "Fr"; "Hello, " continued with " world" by the space.
/// </para>
/// <para>
/// Limits: only a repeat that starts with the continuation's first character is found, so a continuation that
/// restarts the answer from its beginning (beyond the last <see cref="MaxLength"/> characters), paraphrases its end
/// or opens with a preamble is kept as it is. A repeat the answer really means at the junction ("that that") is
/// removed. Until the rule has decided, the continuation's first characters are held back (at most
/// <see cref="MaxLength"/> of them).
/// </para>
/// </remarks>
internal static class ContinuationOverlap
{
    /// <summary>The longest overlap looked for.</summary>
    public const int MaxLength = 256;

    /// <summary>Finds how many characters of the continuation's start repeat the partial answer, once its start decides it.</summary>
    /// <param name="partial">The partial answer the continuation continues.</param>
    /// <param name="start">The continuation's text so far.</param>
    /// <param name="complete">Whether no more continuation text will come.</param>
    /// <returns>The length of the overlap (0 for none), or <see langword="null"/> while more text could still make a longer overlap.</returns>
    public static int? Find(string partial, ReadOnlySpan<char> start, bool complete)
    {
        var window = Math.Min(partial.Length, MaxLength);
        var tail = partial.AsSpan(partial.Length - window);
        if (!complete)
        {
            for (var length = window; length > start.Length; length--)
            {
                if (tail[^length..].StartsWith(start, StringComparison.Ordinal) && StartsWord(partial, partial.Length - length))
                {
                    return null;
                }
            }
        }

        for (var length = Math.Min(window, start.Length); length > 0; length--)
        {
            if (start.StartsWith(tail[^length..], StringComparison.Ordinal) && StartsWord(partial, partial.Length - length))
            {
                return length;
            }
        }

        return 0;
    }

    /// <summary>Removes an overlap from the text the updates start with; an update left with nothing to say is dropped.</summary>
    public static void RemoveFrom(List<ChatResponseUpdate> updates, int overlap)
    {
        for (var i = 0; i < updates.Count && overlap > 0; i++)
        {
            if (updates[i].Text is { Length: > 0 } text)
            {
                var cut = Math.Min(overlap, text.Length);
                overlap -= cut;
                var rest = new ChatResponseUpdate(updates[i]) { Text = cut == text.Length ? null : text[cut..] };
                if (rest is { Text: null, ReasoningText: null, ReasoningParts: null, ToolCalls: null, Logprobs: null, IsFinal: false })
                {
                    updates.RemoveAt(i--);
                }
                else
                {
                    updates[i] = rest;
                }
            }
        }
    }

    private static bool StartsWord(string text, int index) =>
        index == 0 || !char.IsLetterOrDigit(text[index - 1]) || !char.IsLetterOrDigit(text[index]);
}
