namespace MultiModel.DependencyInjection;

/// <summary>Where each option type is bound from, so every validation message can name the configuration path at fault.</summary>
internal static class ConfigurationPaths
{
    public const string Providers = MultiModelOptions.SectionName + ":Providers";

    public const string Chains = MultiModelOptions.SectionName + ":Chains";

    /// <summary>The key of the section a shared health store binds (<c>MultiModel:SharedState</c>); the core binds nothing from it.</summary>
    public const string SharedStateKey = "SharedState";

    public const string SharedState = MultiModelOptions.SectionName + ":" + SharedStateKey;

    /// <summary>Gets a chain's section: <c>MultiModel</c> for the default chain, <c>MultiModel:Chains:{name}</c> for a named one.</summary>
    public static string Chain(string? chainName) =>
        string.IsNullOrEmpty(chainName) ? MultiModelOptions.SectionName : $"{Chains}:{chainName}";

    public static string Provider(string providerName) => $"{Providers}:{providerName}";

    public static string Resilience(string providerName) => $"{Provider(providerName)}:Resilience";

    public static string RateLimit(string providerName) => $"{Provider(providerName)}:RateLimit";

    public static string StandardResilience(string providerName) => $"{Provider(providerName)}:StandardResilience";
}
