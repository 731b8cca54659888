using System.Text;
using System.Text.Json;

namespace MultiModel.Testing.Internal;

/// <summary>How the emulator answers a request that continues a partial answer: as a model would, with the rest of the answer.</summary>
/// <remarks>
/// A request continues a partial answer when its last message is an assistant turn (Anthropic's prefill), or an
/// assistant turn followed by a user turn that is exactly <see cref="ChatRequest.ContinuationInstruction"/>.
/// </remarks>
internal static class EmulatedContinuation
{
    /// <summary>Finds the partial answer a request body asks to continue, or <see langword="null"/> when it asks for a new answer.</summary>
    public static string? FindPartialAnswer(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("messages", out var messages) || messages.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var count = messages.GetArrayLength();
        if (count >= 1 && IsAssistant(messages[count - 1]))
        {
            return Text(messages[count - 1]);
        }

        return count >= 2 && WireJson.GetString(messages[count - 1], "role") == "user"
            && Text(messages[count - 1]) == ChatRequest.ContinuationInstruction && IsAssistant(messages[count - 2])
                ? Text(messages[count - 2])
                : null;
    }

    /// <summary>Gets what a model continuing <paramref name="partialAnswer"/> writes of <paramref name="answer"/>: the rest when the answer starts with it, else the whole answer.</summary>
    public static string Rest(string answer, string? partialAnswer) =>
        partialAnswer is not null && answer.StartsWith(partialAnswer, StringComparison.Ordinal) ? answer[partialAnswer.Length..] : answer;

    /// <summary>Gets the text of a message: its string content, or its text blocks joined.</summary>
    public static string Text(JsonElement message)
    {
        if (!message.TryGetProperty("content", out var content))
        {
            return string.Empty;
        }

        if (content.ValueKind == JsonValueKind.String)
        {
            return content.GetString()!;
        }

        var text = new StringBuilder();
        if (content.ValueKind == JsonValueKind.Array)
        {
            foreach (var block in content.EnumerateArray())
            {
                text.Append(WireJson.GetString(block, "text"));
            }
        }

        return text.ToString();
    }

    private static bool IsAssistant(JsonElement message) => WireJson.GetString(message, "role") == "assistant";
}
