namespace MultiModel.Internal;

/// <summary>
/// Collects what is wrong with an options object, each message naming the member at fault under one path: a type
/// name for a constructor's exception (<c>ClaudeProviderOptions.ApiKey is required.</c>) or a configuration path at
/// start-up (<c>MultiModel:Providers:claude:ApiKey is required.</c>). One set of rules, two ways of naming them.
/// </summary>
internal sealed class OptionProblems
{
    private readonly List<string> _messages = [];
    private readonly string _path;
    private readonly char _separator;

    public OptionProblems(string path)
    {
        _path = path;
        _separator = OptionPath.Separator(path);
    }

    public IReadOnlyList<string> Messages => _messages;

    /// <summary>Gets the full name of a member, for messages that mention another member.</summary>
    public string Name(string member) => _path + _separator + member;

    /// <summary>Records a problem unless <paramref name="ok"/>; the message is the member's full name followed by <paramref name="text"/>.</summary>
    /// <returns><paramref name="ok"/>.</returns>
    public bool Require(bool ok, string member, string text)
    {
        if (!ok)
        {
            _messages.Add(Name(member) + " " + text);
        }

        return ok;
    }

    /// <summary>Throws the problems found, if any, as one <see cref="ArgumentException"/> for <paramref name="paramName"/>.</summary>
    /// <exception cref="ArgumentException">A problem was found.</exception>
    public void ThrowIfAny(string paramName)
    {
        if (_messages.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", _messages), paramName);
        }
    }
}
