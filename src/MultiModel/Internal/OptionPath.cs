namespace MultiModel.Internal;

/// <summary>
/// Joins option members into the path a validation message names: a configuration path joins them with <c>:</c>
/// (<c>MultiModel:Providers:grok:Resilience:Retry:MaxRetryAttempts</c>), a type name with <c>.</c>
/// (<c>ProviderResilienceOptions.Retry.MaxRetryAttempts</c>).
/// </summary>
internal static class OptionPath
{
    /// <summary>Gets the separator that follows <paramref name="path"/>: <c>:</c> for a configuration path, <c>.</c> for a type name.</summary>
    public static char Separator(string path) => path.Contains(':', StringComparison.Ordinal) ? ':' : '.';

    /// <summary>
    /// Rewrites the member chain that follows <paramref name="path"/> in a data-annotation message
    /// (<c>{path}.Retry.MaxRetryAttempts</c>) with the path's own separator.
    /// </summary>
    public static string FixSeparators(string message, string path)
    {
        var start = message.IndexOf(path, StringComparison.Ordinal);
        if (Separator(path) == '.' || start < 0)
        {
            return message;
        }

        var chars = message.ToCharArray();
        for (var i = start + path.Length; i < chars.Length && (chars[i] == '.' || char.IsLetterOrDigit(chars[i]) || chars[i] == '_'); i++)
        {
            if (chars[i] == '.' && i + 1 < chars.Length && char.IsLetter(chars[i + 1]))
            {
                chars[i] = ':';
            }
        }

        return new string(chars);
    }
}
