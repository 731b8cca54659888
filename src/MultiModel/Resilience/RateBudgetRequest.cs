using System.Diagnostics.CodeAnalysis;
using MultiModel.Internal;

namespace MultiModel.Resilience;

/// <summary>Represents one call's demand on a provider's rate budget: one request, and the tokens estimated for it.</summary>
/// <remarks>
/// <para>
/// The tokens are estimated only when <see cref="EstimateTokens"/> is called (a store without a token budget for the
/// provider never pays for it): the prompt's estimate (text, tools, schema, images, documents, as the context-window
/// check counts them) plus the output the provider would ask for (<see cref="ChatRequest.MaxOutputTokens"/>, else the
/// provider's default, when it has one).
/// </para>
/// </remarks>
[Experimental(Experiments.RateBudgets, UrlFormat = Experiments.UrlFormat)]
public readonly struct RateBudgetRequest
{
    private readonly IChatProvider _provider;
    private readonly ChatRequest _request;

    /// <summary>Initializes a new instance of the <see cref="RateBudgetRequest"/> struct.</summary>
    /// <param name="provider">The provider about to be called.</param>
    /// <param name="request">The request it would be sent.</param>
    /// <exception cref="ArgumentNullException"><paramref name="provider"/> or <paramref name="request"/> is <see langword="null"/>.</exception>
    public RateBudgetRequest(IChatProvider provider, ChatRequest request)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(request);
        _provider = provider;
        _request = request;
    }

    /// <summary>Gets the name of the provider about to be called.</summary>
    public string ProviderName => _provider.Name;

    /// <summary>Estimates the tokens the call will use: the prompt's estimate plus the output asked for.</summary>
    /// <returns>The estimate, at least 1.</returns>
    public long EstimateTokens() => RequestTokens.Estimate(_provider, _request);
}
