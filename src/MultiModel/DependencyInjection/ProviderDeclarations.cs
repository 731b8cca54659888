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

        foreach (var name in registrations.CustomProviderNames)
        {
            declared[name] = null;
        }

        foreach (var section in configuration?.GetSection(ConfigurationPaths.Providers).GetChildren() ?? [])
        {
            var (name, text) = (section.Key, section["Kind"]);
            var path = ConfigurationPaths.Provider(name);
            var parsed = ProviderKinds.Parse(text);
            if (IsSwitchedOff(section, problems))
            {
                declared.Remove(name);
                continue;
            }

            var inCode = declared.TryGetValue(name, out var codeKind);
            if (inCode && codeKind is null)
            {
                continue; // a custom provider: its section has no kind (UnreadSections reports a Kind set there)
            }

            if (text is null)
            {
                if (!inCode)
                {
                    problems.Add($"{path}:Kind is missing; use {ProviderKinds.Names}.");
                }
            }
            else if (parsed is null)
            {
                problems.Add($"{path}:Kind '{text}' is unknown; use {ProviderKinds.Names}.");
            }
            else if (inCode && codeKind != parsed)
            {
                problems.Add($"{path}:Kind '{text}' differs from the kind the provider was added with in code ({codeKind}).");
            }
            else
            {
                declared[name] = parsed;
            }
        }

        return declared;
    }

    /// <summary>Tells whether a provider's section switches it off (<c>Enabled: false</c>): it is then not built, and a chain may not name it.</summary>
    public static bool IsSwitchedOff(IConfigurationSection section, List<string> problems)
    {
        if (section["Enabled"] is not { } text)
        {
            return false;
        }

        if (!bool.TryParse(text, out var enabled))
        {
            problems.Add($"{section.Path}:Enabled must be true or false (was '{text}').");
            return false;
        }

        return !enabled;
    }
}
