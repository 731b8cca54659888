using System.Globalization;

namespace MultiModel.Providers.Claude;

/// <summary>The limits of the Messages API beyond <see cref="ChatRequest.Validate"/>: read by <c>CheckRequest</c> and by the request writer alike.</summary>
/// <remarks>
/// Source: the Messages API reference (<c>temperature</c> 0.0–1.0). Log probabilities are not a limit: Anthropic offers
/// none, so <see cref="ChatRequest.IncludeLogprobs"/> (documented as best effort) is accepted and ignored.
/// </remarks>
internal static class ClaudeRequestRules
{
    /// <summary>The largest temperature the Messages API accepts.</summary>
    public const double MaxTemperature = 1.0;

    /// <summary>Tells whether the Messages API can carry a request that passed <see cref="ChatRequest.Validate"/>.</summary>
    public static ChatRequestSupport Check(ChatRequest request) =>
        request.Temperature is > MaxTemperature and var temperature
            ? ChatRequestSupport.Unsupported(string.Create(CultureInfo.InvariantCulture, $"temperature {temperature} outside 0–1"))
            : ChatRequestSupport.Supported;
}
