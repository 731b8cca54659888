using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Primitives;

namespace MultiModel.DependencyInjection;

/// <summary>
/// A configuration section seen without some of its top-level keys (or with only some): a bind into one options type
/// neither reads nor trips over the keys another type binds.
/// </summary>
internal sealed class SectionView : IConfigurationSection
{
    private readonly IConfigurationSection _section;
    private readonly Func<string, bool> _includes;
    private readonly bool _hidden;

    private SectionView(IConfigurationSection section, Func<string, bool> includes, bool hidden = false)
    {
        _section = section;
        _includes = includes;
        _hidden = hidden;
    }

    public string Key => _section.Key;

    public string Path => _section.Path;

    public string? Value
    {
        get => _hidden ? null : _section.Value;
        set => throw new NotSupportedException("A section view is read-only.");
    }

    public string? this[string key]
    {
        get => _hidden || !_includes(key) ? null : _section[key];
        set => throw new NotSupportedException("A section view is read-only.");
    }

    /// <summary>Gets the section without the keys named in <paramref name="keys"/>.</summary>
    public static SectionView Without(IConfigurationSection section, params string[] keys) =>
        new(section, key => !keys.Contains(key, StringComparer.OrdinalIgnoreCase));

    /// <summary>Gets the section with only the keys named in <paramref name="keys"/>.</summary>
    public static SectionView Only(IConfigurationSection section, params string[] keys) =>
        new(section, key => keys.Contains(key, StringComparer.OrdinalIgnoreCase));

    public IEnumerable<IConfigurationSection> GetChildren() =>
        _hidden ? [] : _section.GetChildren().Where(child => _includes(child.Key)).Select(child => GetSection(child.Key));

    public IChangeToken GetReloadToken() => _section.GetReloadToken();

    public IConfigurationSection GetSection(string key) =>
        _hidden || !_includes(key) ? new SectionView(_section.GetSection(key), static _ => false, hidden: true) : _section.GetSection(key);
}
