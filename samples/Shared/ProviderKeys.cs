using Microsoft.Extensions.Configuration;
using MultiModel.DependencyInjection;

namespace MultiModel.Samples;

/// <summary>
/// Tells which configured Grok and Claude providers have an API key (their own <c>ApiKey</c>, or XAI_API_KEY /
/// ANTHROPIC_API_KEY), so that a sample runs with the providers it can call and says which ones it leaves out.
/// </summary>
internal sealed class ProviderKeys
{
    private ProviderKeys(IReadOnlyList<string> withKey, IReadOnlyList<(string Name, string Variable)> withoutKey)
    {
        WithKey = withKey;
        WithoutKey = withoutKey;
    }

    /// <summary>Gets the providers that have a key.</summary>
    public IReadOnlyList<string> WithKey { get; }

    /// <summary>Gets the Grok and Claude providers without a key, each with the environment variable that would give it one.</summary>
    public IReadOnlyList<(string Name, string Variable)> WithoutKey { get; }

    /// <summary>Reads the providers under <c>MultiModel:Providers</c>; other kinds (OpenAI-compatible) are left to the library's validation.</summary>
    public static ProviderKeys Read(IConfiguration configuration)
    {
        var withKey = new List<string>();
        var withoutKey = new List<(string, string)>();
        foreach (var provider in configuration.GetSection("MultiModel:Providers").GetChildren())
        {
            var variable = IsClaude(provider["Kind"]) ? "ANTHROPIC_API_KEY" : IsGrok(provider["Kind"]) ? "XAI_API_KEY" : null;
            if (!string.IsNullOrWhiteSpace(provider["ApiKey"])
                || (variable is not null && !string.IsNullOrWhiteSpace(configuration[variable] ?? Environment.GetEnvironmentVariable(variable))))
            {
                withKey.Add(provider.Key);
            }
            else if (variable is not null)
            {
                withoutKey.Add((provider.Key, variable));
            }
        }

        return new ProviderKeys(withKey, withoutKey);
    }

    /// <summary>Switches the providers without a key off in configuration (<c>MultiModel:Providers:{name}:Enabled</c>), so they are not built.</summary>
    public void SwitchOffProvidersWithoutKey(IConfigurationBuilder configuration) =>
        configuration.AddInMemoryCollection(WithoutKey.Select(p => KeyValuePair.Create($"MultiModel:Providers:{p.Name}:Enabled", (string?)"false")));

    /// <summary>Takes the providers without a key out of the chain's order (before it is validated).</summary>
    public void LeaveOutProvidersWithoutKey(MultiModelOptions options)
    {
        foreach (var (name, _) in WithoutKey)
        {
            for (var i = options.Order.Count - 1; i >= 0; i--)
            {
                if (string.Equals(options.Order[i], name, StringComparison.OrdinalIgnoreCase))
                {
                    options.Order.RemoveAt(i);
                }
            }
        }
    }

    public static bool IsClaude(string? kind) =>
        string.Equals(kind, "Claude", StringComparison.OrdinalIgnoreCase) || string.Equals(kind, "Anthropic", StringComparison.OrdinalIgnoreCase);

    private static bool IsGrok(string? kind) =>
        string.Equals(kind, "Grok", StringComparison.OrdinalIgnoreCase) || string.Equals(kind, "xAI", StringComparison.OrdinalIgnoreCase);
}
