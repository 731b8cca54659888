using System.Diagnostics.CodeAnalysis;
using MultiModel.Internal;

namespace MultiModel.Resilience;

/// <summary>Names the limit of a provider's rate budget that refused a call.</summary>
[Experimental(Experiments.RateBudgets, UrlFormat = Experiments.UrlFormat)]
public enum RateBudgetKind
{
    /// <summary>Requests per minute.</summary>
    Requests,

    /// <summary>Tokens per minute (prompt and answer).</summary>
    Tokens,
}
