using System.Text.RegularExpressions;

namespace MultiModel.Tests.Readme;

/// <summary>Reads the C# blocks of a Markdown file and the <c>#region snippet:NAME</c> regions of C# files, and normalizes code for comparison.</summary>
internal static partial class ReadmeSnippetParser
{
    /// <summary>A fenced C# block of the README: its marker name (or null when it has none), line and code.</summary>
    public sealed record Block(string? Name, int Line, string Code);

    public static IReadOnlyList<Block> ReadBlocks(string markdown)
    {
        var lines = SplitLines(markdown);
        var blocks = new List<Block>();
        for (var i = 0; i < lines.Length; i++)
        {
            var fence = Fence().Match(lines[i]);
            if (!fence.Success)
            {
                continue;
            }

            var language = fence.Groups["lang"].Value;
            var start = i;
            var code = new List<string>();
            for (i++; i < lines.Length && !lines[i].TrimStart().StartsWith("```", StringComparison.Ordinal); i++)
            {
                code.Add(lines[i]);
            }

            if (language is "csharp" or "cs" or "c#")
            {
                blocks.Add(new Block(MarkerBefore(lines, start), start + 1, string.Join('\n', code)));
            }
        }

        return blocks;
    }

    public static IReadOnlyDictionary<string, string> ReadRegions(IEnumerable<(string Path, string Text)> files)
    {
        var regions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (path, text) in files)
        {
            var lines = SplitLines(text);
            for (var i = 0; i < lines.Length; i++)
            {
                var region = Region().Match(lines[i]);
                if (!region.Success)
                {
                    continue;
                }

                var name = region.Groups["name"].Value;
                var code = new List<string>();
                for (i++; i < lines.Length && !lines[i].TrimStart().StartsWith("#endregion", StringComparison.Ordinal); i++)
                {
                    code.Add(lines[i]);
                }

                if (!regions.TryAdd(name, string.Join('\n', code)))
                {
                    throw new InvalidOperationException($"The snippet region '{name}' is defined twice (again in {path}).");
                }
            }
        }

        return regions;
    }

    /// <summary>Removes the common indentation, trailing white space, blank edge lines, and collapses runs of spaces inside lines.</summary>
    public static string Normalize(string code)
    {
        var lines = SplitLines(code).Select(l => l.Replace('\t', ' ').TrimEnd()).ToList();
        while (lines.Count > 0 && lines[0].Length == 0)
        {
            lines.RemoveAt(0);
        }

        while (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        var indent = lines.Where(l => l.Length > 0).Select(l => l.Length - l.TrimStart().Length).DefaultIfEmpty(0).Min();
        return string.Join('\n', lines.Select(l =>
        {
            if (l.Length == 0)
            {
                return l;
            }

            var body = l[indent..];
            var depth = body.Length - body.TrimStart().Length;
            return body[..depth] + Spaces().Replace(body[depth..], " ");
        }));
    }

    private static string? MarkerBefore(string[] lines, int fenceLine)
    {
        for (var i = fenceLine - 1; i >= 0; i--)
        {
            if (lines[i].Trim().Length == 0)
            {
                continue;
            }

            var marker = Marker().Match(lines[i]);
            return marker.Success ? marker.Groups["name"].Value : null;
        }

        return null;
    }

    private static string[] SplitLines(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');

    [GeneratedRegex(@"^\s*```\s*(?<lang>[A-Za-z#+-]*)\s*$")]
    private static partial Regex Fence();

    [GeneratedRegex(@"^\s*<!--\s*snippet:\s*(?<name>[A-Za-z0-9_.-]+)\s*-->\s*$")]
    private static partial Regex Marker();

    [GeneratedRegex(@"^\s*#region\s+snippet:(?<name>[A-Za-z0-9_.-]+)\s*$")]
    private static partial Regex Region();

    [GeneratedRegex(@"[ ]{2,}")]
    private static partial Regex Spaces();
}
