using System.Globalization;
using MultiModel.Providers.Capabilities;

namespace MultiModel.Providers.Claude;

/// <summary>Tells whether Claude can take a request: the Messages API's value ranges (<see cref="ClaudeRequestRules"/>), the model's capabilities, the API's rules on thinking, and the context window.</summary>
/// <remarks>
/// Extended thinking (Anthropic "Extended thinking"): the budget is at least 1,024 tokens and below <c>max_tokens</c>,
/// which counts the thinking; thinking does not go with a temperature or with <c>top_p</c> below 0.95, nor with a
/// forced tool call (<c>tool_choice</c> <c>any</c> or <c>tool</c>).
/// </remarks>
internal static class ClaudeRequestCheck
{
    /// <summary>Checks a request for the model it names, else the configured one.</summary>
    public static ChatRequestSupport Check(ChatRequest request, ClaudeSettings settings)
    {
        var model = request.ModelId ?? settings.Model;
        var capabilities = settings.CapabilitiesFor(model);
        return Check(request, model, capabilities, MaxTokens(request, settings, capabilities));
    }

    /// <summary>Checks a request against the value ranges, a model's capabilities and the thinking rules, for the <c>max_tokens</c> that would be sent.</summary>
    public static ChatRequestSupport Check(ChatRequest request, string model, ModelCapabilities capabilities, int maxTokens)
    {
        if (ClaudeRequestRules.Check(request) is { IsSupported: false } outOfRange)
        {
            return outOfRange;
        }

        var problem = CapabilityCheck.FindProblem(request, model, capabilities, MediaRules.Anthropic) ?? FindThinkingProblem(request, maxTokens);
        return problem is not null
            ? ChatRequestSupport.Unsupported(problem)
            : CapabilityCheck.CheckContextWindow(request, capabilities, MediaRules.Anthropic, maxTokens);
    }

    /// <summary>Gets the <c>max_tokens</c> to send: the request's, else the provider's default, plus the thinking budget when the request thinks (at most the model's output limit).</summary>
    public static int MaxTokens(ChatRequest request, ClaudeSettings settings, ModelCapabilities capabilities)
    {
        if (request.MaxOutputTokens is { } requested)
        {
            return requested;
        }

        if (request.Reasoning is not { } reasoning)
        {
            return settings.MaxOutputTokens;
        }

        var withThinking = (long)settings.MaxOutputTokens + reasoning.ResolvedBudgetTokens;
        return (int)Math.Min(withThinking, capabilities.OutputTokenLimit ?? int.MaxValue);
    }

    private static string? FindThinkingProblem(ChatRequest request, int maxTokens)
    {
        if (request.Reasoning is not { } reasoning)
        {
            return null;
        }

        var budget = reasoning.ResolvedBudgetTokens;
        return budget < ChatReasoningOptions.MinimumBudgetTokens ? Invariant($"Claude thinks with a budget of at least {ChatReasoningOptions.MinimumBudgetTokens} tokens (was {budget})")
            : budget >= maxTokens ? Invariant($"the thinking budget ({budget} tokens) must be below max_tokens ({maxTokens}); raise MaxOutputTokens")
            : request.Temperature is { } temperature && temperature != 1 ? Invariant($"Claude cannot think with a temperature set (temperature {temperature})")
            : request.TopP is < 0.95 ? Invariant($"Claude thinks only with top_p from 0.95 to 1 (was {request.TopP})")
            : request.ToolChoice?.Kind is ChatToolChoiceKind.Required or ChatToolChoiceKind.Specific ? $"Claude cannot think while a tool call is forced (tool choice {request.ToolChoice.Kind})"
            : null;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
