using System.Globalization;

namespace MultiModel.Providers.Claude;

/// <summary>Writes a request that continues a partial answer (<see cref="ChatRequest.ContinueFinalMessage"/>) the way the Messages API takes it.</summary>
/// <remarks>
/// <para>
/// Anthropic documents the prefill: when the last message is an assistant turn, Claude continues it, and that final
/// assistant content cannot end with white space (trailing white space is removed here; the chain's overlap rule
/// drops the white space Claude writes again). Anthropic's migration guide for Claude 4.6 says a prefill returns
/// HTTP 400 on Claude 4.6 models ("Prefill removal"), so for Claude 4.6 and later the partial answer is followed by a
/// user turn with <see cref="ChatRequest.ContinuationInstruction"/>, as for chat-completions providers. A model id
/// that names no Claude version keeps the prefill. Prefill is not available with extended thinking either
/// ("Prefill Claude's response"), so a request that thinks gets the instruction too.
/// </para>
/// </remarks>
internal static class ClaudeContinuation
{
    /// <summary>The first Claude version that refuses a prefill.</summary>
    private static readonly Version FirstWithoutPrefill = new(4, 6);

    /// <summary>Turns the conversation's final assistant message into a prefill, or follows it with the continuation instruction.</summary>
    /// <param name="messages">The wire conversation, ending with the partial answer as an assistant text turn (a string, or text blocks).</param>
    /// <param name="model">The model the request goes to.</param>
    /// <param name="thinking">Whether the request turns extended thinking on.</param>
    public static void Write(List<ClaudeWireMessage> messages, string model, bool thinking)
    {
        var last = messages[^1];
        if (last.Content is { } text)
        {
            messages[^1] = new ClaudeWireMessage { Role = "assistant", Content = text.TrimEnd() };
        }
        else if (last.Blocks is [.., { Type: "text", Text: { } blockText } block] blocks)
        {
            blocks[^1] = new ClaudeWireContentBlock { Type = "text", Text = blockText.TrimEnd(), CacheControl = block.CacheControl };
        }

        if (thinking || !TakesPrefill(model))
        {
            messages.Add(new ClaudeWireMessage { Role = "user", Content = ChatRequest.ContinuationInstruction });
        }
    }

    /// <summary>Tells whether a model continues a prefill: every Claude model before 4.6, and models whose id names no version.</summary>
    public static bool TakesPrefill(string model) => Version(model) is not { } version || version < FirstWithoutPrefill;

    /// <summary>Reads the Claude version from a model id: <c>claude-opus-4-6</c> and <c>claude-sonnet-4-5-20250929</c> (4.x naming), <c>claude-3-7-sonnet-20250219</c> (3.x naming).</summary>
    /// <returns>The version, or <see langword="null"/> when the id names none.</returns>
    internal static Version? Version(string model)
    {
        var start = model.IndexOf("claude", StringComparison.OrdinalIgnoreCase);
        if (start < 0)
        {
            return null;
        }

        int? major = null;
        foreach (var part in model[start..].Split(['-', '.', ':'], StringSplitOptions.RemoveEmptyEntries).Skip(1))
        {
            // A version number has one or two digits; a date suffix (20250929) has eight.
            var number = part.Length <= 2 && int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : (int?)null;
            if (major is { } found)
            {
                return new Version(found, number ?? 0);
            }

            major = number;
        }

        return major is { } last ? new Version(last, 0) : null;
    }
}
