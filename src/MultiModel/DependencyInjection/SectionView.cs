using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Primitives;

namespace MultiModel.DependencyInjection;

/// <summary>
/// A configuration section seen without some of its top-level keys (or with only some), so that a strict bind of it
/// into one options type does not trip over the keys another type binds.
/// </summary>
internal sealed class SectionView : IConfigurationSection
{
    private readonly IConfigurationSection _section;
    private readonly Func<string, bool> _includes;

    private SectionView(IConfigurationSection section, Func<string, bool> includes)
    {
        _section = section;
        _includes = includes;
    }

    public string Key => _section.Key;

    public string Path => _section.Path;

    public string? Value
    {
        get => _section.Value;
        set => _section.Value = value;
    }

    public string? this[string key]
    {
        get => _section[key];
        set => _section[key] = value;
    }

    /// <summary>Gets the section without the keys named in <paramref name="keys"/>.</summary>
    public static SectionView Without(IConfigurationSection section, params string[] keys) =>
        new(section, key => !keys.Contains(key, StringComparer.OrdinalIgnoreCase));

    /// <summary>Gets the section with only the keys named in <paramref name="keys"/>.</summary>
    public static SectionView Only(IConfigurationSection section, params string[] keys) =>
        new(section, key => keys.Contains(key, StringComparer.OrdinalIgnoreCase));

    public IEnumerable<IConfigurationSection> GetChildren() => _section.GetChildren().Where(child => _includes(child.Key));

    public IChangeToken GetReloadToken() => _section.GetReloadToken();

    public IConfigurationSection GetSection(string key) => _section.GetSection(key);
}
