using System.Text.Json;

namespace MultiModel.Tests.Conformance;

/// <summary>
/// Finds the recorded real provider traffic kept beside the repository (../shared/fixtures/recorded) or in the
/// folder named by MULTIMODEL_FIXTURES. The files are public data and are never copied into this project.
/// </summary>
internal static class RecordedFixtures
{
    private static readonly Lazy<string?> Folder = new(Locate);

    /// <summary>Gets the fixture folder, or ignores the test (fails it under CI=true) when the folder is absent.</summary>
    public static string RequireFolder()
    {
        if (Folder.Value is { } folder)
        {
            return folder;
        }

        const string reason = "Recorded fixtures not found: put ../shared/fixtures/recorded beside the repository or set MULTIMODEL_FIXTURES.";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(reason);
        }

        Assert.Ignore(reason);
        return null!;
    }

    /// <summary>Lists the fixture files of one provider (<c>anthropic</c> or <c>xai</c>) with one extension, for TestCaseSource.</summary>
    public static IEnumerable<string> Names(string provider, string extension)
    {
        if (Folder.Value is not { } folder || !Directory.Exists(Path.Combine(folder, provider)))
        {
            // One placeholder case so that the test runs and reports the missing folder (ignored, or failed under CI).
            yield return "<fixtures missing>";
            yield break;
        }

        foreach (var file in Directory.EnumerateFiles(Path.Combine(folder, provider), "*" + extension).Order(StringComparer.Ordinal))
        {
            if (!file.EndsWith(".meta.json", StringComparison.Ordinal))
            {
                yield return Path.GetFileName(file);
            }
        }
    }

    /// <summary>Reads a fixture body and its sidecar metadata.</summary>
    public static (byte[] Body, JsonElement Meta) Read(string provider, string name)
    {
        var folder = RequireFolder();
        var path = Path.Combine(folder, provider, name);
        var metaPath = Path.Combine(folder, provider, Path.GetFileNameWithoutExtension(name) + ".meta.json");
        using var meta = JsonDocument.Parse(File.ReadAllBytes(metaPath));
        return (File.ReadAllBytes(path), meta.RootElement.Clone());
    }

    private static string? Locate()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("MULTIMODEL_FIXTURES");
        if (!string.IsNullOrEmpty(fromEnvironment) && Directory.Exists(fromEnvironment))
        {
            return Path.GetFullPath(fromEnvironment);
        }

        // Walk up from the test binaries to the repository root (the folder holding MultiModel.sln), then look beside it.
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MultiModel.sln")))
            {
                var candidate = Path.Combine(dir.FullName, "..", "shared", "fixtures", "recorded");
                return Directory.Exists(candidate) ? Path.GetFullPath(candidate) : null;
            }
        }

        return null;
    }
}
