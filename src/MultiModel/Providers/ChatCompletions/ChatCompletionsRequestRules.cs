using System.Globalization;

namespace MultiModel.Providers.ChatCompletions;

/// <summary>The limits of the chat-completions format beyond <see cref="ChatRequest.Validate"/>: read by <c>CheckRequest</c> and by the request writer alike.</summary>
/// <remarks>Sources: the xAI chat-completions reference (<c>temperature</c> 0–2, <c>stop</c> up to 4 strings, <c>tools</c> at most 128), the same as OpenAI's.</remarks>
internal static class ChatCompletionsRequestRules
{
    /// <summary>The largest temperature the format accepts.</summary>
    public const double MaxTemperature = 2.0;

    /// <summary>The largest number of stop sequences the format accepts.</summary>
    public const int MaxStopSequences = 4;

    /// <summary>The largest number of tools the format accepts.</summary>
    public const int MaxTools = 128;

    /// <summary>Tells whether the format can carry a request that passed <see cref="ChatRequest.Validate"/>.</summary>
    public static ChatRequestSupport Check(ChatRequest request)
    {
        if (request.Temperature is > MaxTemperature and var temperature)
        {
            return ChatRequestSupport.Unsupported(Invariant($"temperature {temperature} outside 0–2"));
        }

        if (request.StopSequences.Count > MaxStopSequences)
        {
            return ChatRequestSupport.Unsupported(Invariant($"at most {MaxStopSequences} stop sequences (got {request.StopSequences.Count})"));
        }

        return request.Tools.Count > MaxTools
            ? ChatRequestSupport.Unsupported(Invariant($"at most {MaxTools} tools (got {request.Tools.Count})"))
            : ChatRequestSupport.Supported;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
