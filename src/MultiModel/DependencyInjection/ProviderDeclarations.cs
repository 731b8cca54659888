using Microsoft.Extensions.Configuration;

namespace MultiModel.DependencyInjection;

/// <summary>Finds the providers a registration declares: those added in code and those under <c>MultiModel:Providers</c>.</summary>
internal static class ProviderDeclarations
{
    /// <summary>Lists the providers declared in code and in <c>MultiModel:Providers</c>, with their kind (<see langword="null"/> for a custom provider).</summary>
    public static Dictionary<string, ProviderKind?> Read(ProviderRegistrations registrations, IConfiguration? configuration, List<string> problems)
    {
        var declared = new Dictionary<string, ProviderKind?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, kind) in registrations.Kinds)
        {
            declared[name] = kind;
        }

        foreach (var section in configuration?.GetSection(ConfigurationPaths.Providers).GetChildren() ?? [])
        {
            var (name, text) = (section.Key, section["Kind"]);
            var path = ConfigurationPaths.Provider(name);
            var parsed = ProviderKinds.Parse(text);
            if (text is null)
            {
                if (!declared.ContainsKey(name))
                {
                    problems.Add($"{path}:Kind is missing; use {ProviderKinds.Names}.");
                }
            }
            else if (parsed is null)
            {
                problems.Add($"{path}:Kind '{text}' is unknown; use {ProviderKinds.Names}.");
            }
            else if (declared.TryGetValue(name, out var inCode) && inCode != parsed)
            {
                problems.Add($"{path}:Kind '{text}' differs from the kind the provider was added with in code ({inCode}).");
            }
            else
            {
                declared[name] = parsed;
            }
        }

        foreach (var name in registrations.CustomProviderNames)
        {
            declared[name] = null;
        }

        return declared;
    }
}
