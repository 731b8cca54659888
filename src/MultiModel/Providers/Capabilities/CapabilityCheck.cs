using System.Globalization;

namespace MultiModel.Providers.Capabilities;

/// <summary>Tells whether a model can take a request, given what it can do: features first, then the context window.</summary>
/// <remarks>
/// Shared by every provider: each passes the model it would call, that model's <see cref="ModelCapabilities"/>, its
/// API's <see cref="MediaRules"/> and the output tokens it would ask for. A request that does not pass
/// <see cref="ChatRequest.Validate"/> is not judged here (null elements are skipped).
/// </remarks>
internal static class CapabilityCheck
{
    /// <summary>Checks a request against a model's capabilities.</summary>
    /// <param name="request">The request.</param>
    /// <param name="model">The model the provider would call, named in the reasons.</param>
    /// <param name="capabilities">What the model can take.</param>
    /// <param name="rules">What the API accepts in images and documents.</param>
    /// <param name="outputTokens">The output tokens the provider would ask for (its <c>max_tokens</c>), or 0 when it sends none.</param>
    /// <returns>Supported, or why not (category <c>unsupported</c> or <c>context-window</c>).</returns>
    public static ChatRequestSupport Check(ChatRequest request, string model, ModelCapabilities capabilities, MediaRules rules, long outputTokens) =>
        FindProblem(request, model, capabilities, rules) is { } problem
            ? ChatRequestSupport.Unsupported(problem)
            : CheckContextWindow(request, capabilities, rules, outputTokens);

    /// <summary>Describes the first feature the model lacks for a request (tools, schema, stop sequences, reasoning, images, documents, answer length), or returns <see langword="null"/>.</summary>
    public static string? FindProblem(ChatRequest request, string model, ModelCapabilities capabilities, MediaRules rules)
    {
        if (capabilities.OutputTokenLimit is { } limit && request.MaxOutputTokens > limit)
        {
            return Invariant($"{model} writes at most {limit} tokens per answer (MaxOutputTokens is {request.MaxOutputTokens})");
        }

        return FindFeatureProblem(request, model, capabilities) ?? FindPartProblem(request, model, capabilities, rules);
    }

    /// <summary>Refuses a request whose estimated size, output included, exceeds the window by more than the safety margin.</summary>
    public static ChatRequestSupport CheckContextWindow(ChatRequest request, ModelCapabilities capabilities, MediaRules rules, long outputTokens)
    {
        if (capabilities.ContextWindowTokens is not { } window)
        {
            return ChatRequestSupport.Supported;
        }

        var limit = window * (1 + capabilities.SafetyMargin);
        if (Fits(RequestTokenEstimate.UpperBound(request, rules, exact: false)) || Fits(RequestTokenEstimate.UpperBound(request, rules, exact: true)))
        {
            return ChatRequestSupport.Supported;
        }

        var estimate = RequestTokenEstimate.Estimate(request, rules) + outputTokens;
        return estimate <= limit
            ? ChatRequestSupport.Supported
            : ChatRequestSupport.Unsupported(ChatRequestSupport.ContextWindowCategory, $"context window: ~{Thousands(estimate)} tokens > {Thousands(window)}");

        bool Fits(long? bound) => bound + outputTokens <= limit;
    }

    private static string? FindFeatureProblem(ChatRequest request, string model, ModelCapabilities capabilities)
    {
        if (request.Tools.Count > 0 && !capabilities.Tools)
        {
            return $"{model} takes no tools";
        }

        if (request.ResponseFormat is not null && !capabilities.JsonSchema)
        {
            return $"{model} takes no JSON-schema output format";
        }

        if (request.StopSequences.Count > 0 && !capabilities.StopSequences)
        {
            return $"{model} takes no stop sequences";
        }

        if (request.Reasoning is not { } reasoning)
        {
            return null;
        }

        var takes = capabilities.ReasoningEfforts;
        if (takes == ChatReasoningEfforts.None)
        {
            return $"{model} takes no reasoning option";
        }

        var effort = reasoning.ResolvedEffort;
        var flag = (ChatReasoningEfforts)(1 << (int)effort);
        return (takes & flag) == 0
            ? $"{model} takes reasoning effort {takes.ToString().ToLowerInvariant()}, not {effort.ToString().ToLowerInvariant()}"
            : null;
    }

    private static string? FindPartProblem(ChatRequest request, string model, ModelCapabilities capabilities, MediaRules rules)
    {
        var messages = request.Messages;
        if (!HasParts(messages))
        {
            return null;
        }

        var images = CountImages(messages);
        for (var m = 0; m < messages.Count; m++)
        {
            var parts = messages[m]?.Parts ?? [];
            for (var p = 0; p < parts.Count; p++)
            {
                var problem = parts[p] switch
                {
                    ChatImagePart when !capabilities.Images => $"{model} takes no images",
                    ChatImagePart image => rules.FindImageProblem(image, images),
                    ChatDocumentPart when !capabilities.Documents => $"{model} takes no documents",
                    ChatDocumentPart document => rules.FindDocumentProblem(document),
                    _ => null,
                };
                if (problem is not null)
                {
                    return problem;
                }
            }
        }

        return null;
    }

    /// <summary>Tells whether any message is built from parts; indexed, so that the common plain request allocates nothing.</summary>
    private static bool HasParts(IList<ChatMessage> messages)
    {
        for (var m = 0; m < messages.Count; m++)
        {
            if (messages[m]?.Parts.Count > 0)
            {
                return true;
            }
        }

        return false;
    }

    private static int CountImages(IList<ChatMessage> messages)
    {
        var count = 0;
        for (var m = 0; m < messages.Count; m++)
        {
            var parts = messages[m]?.Parts ?? [];
            for (var p = 0; p < parts.Count; p++)
            {
                count += parts[p] is ChatImagePart ? 1 : 0;
            }
        }

        return count;
    }

    /// <summary>Formats a token count for reasons: <c>131k</c> from ten thousand up, the exact number below.</summary>
    private static string Thousands(double tokens) =>
        tokens >= 10_000 ? Invariant($"{Math.Round(tokens / 1000)}k") : Invariant($"{Math.Round(tokens)}");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
