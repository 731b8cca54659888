namespace MultiModel.Testing.Internal;

/// <summary>The answer the emulator is about to send: the text, its deltas, how it ends, and its token counts.</summary>
internal sealed class AnswerPlan
{
    public AnswerPlan(string text, EmulatorFinish finish, double logprobProbability, int? maxTokens = null)
    {
        var pieces = Split(text);
        if (maxTokens is { } limit && limit >= 0 && pieces.Count > limit)
        {
            // Like the real APIs: the answer stops at the caller's token limit and says so.
            pieces.RemoveRange(limit, pieces.Count - limit);
            text = string.Concat(pieces);
            finish = finish == EmulatorFinish.Refusal ? finish : EmulatorFinish.Length;
        }

        Text = text;
        Pieces = pieces;
        Finish = finish;
        LogprobProbability = logprobProbability;
    }

    public string Text { get; }

    /// <summary>Gets the deltas: each word with its leading white space, about one token each.</summary>
    public IReadOnlyList<string> Pieces { get; }

    public EmulatorFinish Finish { get; }

    public double LogprobProbability { get; }

    /// <summary>Gets the output tokens: one per delta, never 0 (as Anthropic reports).</summary>
    public int OutputTokens => Math.Max(1, Pieces.Count);

    /// <summary>Splits a text into deltas; joining them gives the text back.</summary>
    public static List<string> Split(string text)
    {
        var pieces = new List<string>();
        var start = 0;
        for (var i = 1; i < text.Length; i++)
        {
            if (char.IsWhiteSpace(text[i]) && !char.IsWhiteSpace(text[i - 1]))
            {
                pieces.Add(text[start..i]);
                start = i;
            }
        }

        if (start < text.Length)
        {
            pieces.Add(text[start..]);
        }

        return pieces;
    }
}
