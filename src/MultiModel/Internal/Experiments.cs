namespace MultiModel.Internal;

/// <summary>The diagnostic ids of the public surface that may still change in a minor release (README, "Experimental APIs").</summary>
internal static class Experiments
{
    /// <summary>Stream resumption: a broken stream continued by the next provider, and the continuation request it sends.</summary>
    public const string StreamResumption = "MMX001";

    /// <summary>Rate budgets seen from a custom health source: reserving, looking ahead and settling.</summary>
    public const string RateBudgets = "MMX002";

    /// <summary>Where each id is explained.</summary>
    public const string UrlFormat = "https://github.com/multimodel/multimodel#experimental-apis-{0}";
}
