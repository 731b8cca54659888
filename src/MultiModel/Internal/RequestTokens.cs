using MultiModel.Providers.Capabilities;

namespace MultiModel.Internal;

/// <summary>Estimates the tokens a call will use for rate budgets: the prompt's estimate plus the output asked for.</summary>
internal static class RequestTokens
{
    /// <summary>Estimates a call's tokens: the provider's own estimate when it has one, else the prompt at the common media costs plus the request's output cap.</summary>
    public static long Estimate(IChatProvider provider, ChatRequest request)
    {
        var tokens = provider is ITokenEstimator estimator
            ? estimator.EstimateTokens(request)
            : RequestTokenEstimate.Estimate(request, MediaRules.OpenAICompatible) + (request.MaxOutputTokens ?? 0);
        return Math.Max(1, tokens);
    }
}

/// <summary>Implemented by the built-in providers: they know their API's media costs and the output cap they send.</summary>
internal interface ITokenEstimator
{
    /// <summary>Estimates the prompt's tokens plus the output cap the provider would send.</summary>
    long EstimateTokens(ChatRequest request);
}
