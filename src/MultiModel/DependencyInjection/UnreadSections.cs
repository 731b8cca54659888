using Microsoft.Extensions.Configuration;

namespace MultiModel.DependencyInjection;

/// <summary>
/// Finds configuration that nothing would read, so that it stops the host with its path instead of being ignored: a
/// chain section no registered chain reads, and provider settings that do not apply to how the provider was added.
/// </summary>
/// <remarks>The option types' strict binds reject unknown keys inside the sections they read; this covers the sections they never open.</remarks>
internal static class UnreadSections
{
    /// <summary>The default chain's own keys at the root of <c>MultiModel</c>.</summary>
    private static readonly string[] DefaultChainKeys = ["Order", "Failover", "Confidence"];

    /// <summary>What a custom provider's section may set: everything else describes a provider MultiModel calls over HTTP.</summary>
    private static readonly string[] CustomProviderKeys = ["Enabled", "RateLimit"];

    /// <summary>Adds a problem for every section or key below <c>MultiModel</c> that the registration would not read.</summary>
    /// <param name="configuration">The configuration.</param>
    /// <param name="registrations">What was registered in code.</param>
    /// <param name="declared">The providers declared and switched on, with their kind (<see langword="null"/> for a custom provider).</param>
    /// <param name="sharedStateRead">Whether a shared health store reads <c>MultiModel:SharedState</c>.</param>
    /// <param name="problems">Receives the problems.</param>
    public static void Find(IConfiguration configuration, ProviderRegistrations registrations, IReadOnlyDictionary<string, ProviderKind?> declared, bool sharedStateRead, List<string> problems)
    {
        FindChains(configuration, registrations.Chains, problems);
        foreach (var (name, kind) in declared)
        {
            var section = configuration.GetSection(ConfigurationPaths.Provider(name));
            if (kind is null)
            {
                var unread = Children(section).Where(static child => !CustomProviderKeys.Contains(child.Key, StringComparer.OrdinalIgnoreCase));
                Report(unread, $"'{name}' is a custom provider (AddProvider), to which only Enabled and RateLimit apply", problems);
            }
            else if (registrations.UsesStandardHandler(name))
            {
                var resilience = section.GetSection("Resilience");
                var unread = Children(resilience).Where(static child => !child.Key.Equals("Retry", StringComparison.OrdinalIgnoreCase))
                    .Concat(Children(resilience.GetSection("Retry")).Where(static child => !child.Key.Equals("MaxRetryAfter", StringComparison.OrdinalIgnoreCase)));
                Report(unread, $"'{name}' runs the standard resilience handler, set under {ConfigurationPaths.StandardResilience(name)} (of Resilience, only Retry:MaxRetryAfter applies)", problems);
            }
            else
            {
                var standard = section.GetSection("StandardResilience");
                Report(standard.Exists() ? [standard] : [], $"'{name}' runs MultiModel's pipeline, set under {ConfigurationPaths.Resilience(name)}; call UseStandardResilienceHandler(\"{name}\") to run the standard handler instead", problems);
            }
        }

        if (!sharedStateRead && configuration.GetSection(ConfigurationPaths.SharedState).Exists())
        {
            problems.Add($"{ConfigurationPaths.SharedState} is set, but no shared health store is registered: add the MultiModel.Redis package and call AddRedisSharedState(), or remove the section.");
        }
    }

    /// <summary>Reports the sections of chains that are not registered, and the default chain's keys when there is no default chain.</summary>
    private static void FindChains(IConfiguration configuration, IReadOnlyCollection<string> chains, List<string> problems)
    {
        var named = chains.Where(static chain => chain.Length > 0).Order(StringComparer.Ordinal).ToList();
        foreach (var section in Children(configuration.GetSection(ConfigurationPaths.Chains)))
        {
            if (!named.Contains(section.Key, StringComparer.OrdinalIgnoreCase))
            {
                var registered = named.Count == 0 ? "none" : string.Join(", ", named);
                problems.Add($"{section.Path} configures a chain that is not registered (registered: {registered}); register it with AddMultiModel(\"{section.Key}\"), or correct its name.");
            }
        }

        if (!chains.Contains(string.Empty))
        {
            var unread = DefaultChainKeys.Select(key => configuration.GetSection($"{MultiModelOptions.SectionName}:{key}")).Where(static section => section.Exists());
            Report(unread, $"no default chain is registered: call AddMultiModel(), or move it under {ConfigurationPaths.Chains}:{{name}}", problems);
        }
    }

    /// <summary>Gets the children that hold a value or children of their own (a key set to null is not there).</summary>
    private static IEnumerable<IConfigurationSection> Children(IConfigurationSection section) => section.GetChildren().Where(static child => child.Exists());

    private static void Report(IEnumerable<IConfigurationSection> unread, string reason, List<string> problems)
    {
        foreach (var section in unread)
        {
            problems.Add($"{section.Path} is not read: {reason}.");
        }
    }
}
