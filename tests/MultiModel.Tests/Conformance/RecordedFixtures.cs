using System.Text.Json;

namespace MultiModel.Tests.Conformance;

/// <summary>
/// Reads the recorded real provider traffic kept in the repository (tests/MultiModel.Tests/Fixtures/recorded, copied
/// beside the test binaries by the build). A missing folder, an empty one or a missing file fails the test that reads it: the
/// recordings are part of the suite, so they are never skipped.
/// </summary>
internal static class RecordedFixtures
{
    /// <summary>The one case listed when a provider's folder holds no recording, so that the missing data fails a test.</summary>
    public const string Missing = "<no recording found>";

    /// <summary>Gets the folder of the recordings beside the test binaries.</summary>
    public static string Folder { get; } = Path.Combine(AppContext.BaseDirectory, "Fixtures", "recorded");

    /// <summary>Lists the recordings of one provider (<c>anthropic</c> or <c>xai</c>) with one extension, for TestCaseSource.</summary>
    /// <returns>The file names in ordinal order, or only <see cref="Missing"/> when there is none.</returns>
    public static IEnumerable<string> Names(string provider, string extension)
    {
        var folder = Path.Combine(Folder, provider);
        var names = Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*" + extension)
                .Where(file => !file.EndsWith(".meta.json", StringComparison.Ordinal))
                .Select(file => Path.GetFileName(file))
                .Order(StringComparer.Ordinal)
                .ToList()
            : [];
        return names.Count > 0 ? names : [Missing];
    }

    /// <summary>Reads a recorded body and its sidecar metadata.</summary>
    /// <exception cref="FileNotFoundException">The body or its sidecar is missing (the test fails).</exception>
    public static (byte[] Body, JsonElement Meta) Read(string provider, string name)
    {
        var path = Require(Path.Combine(provider, name));
        var metaPath = Require(Path.Combine(provider, Path.GetFileNameWithoutExtension(name) + ".meta.json"));
        using var meta = JsonDocument.Parse(File.ReadAllBytes(metaPath));
        return (File.ReadAllBytes(path), meta.RootElement.Clone());
    }

    private static string Require(string relativePath)
    {
        var path = Path.Combine(Folder, relativePath);
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException(
                $"The recording {relativePath} is missing from {Folder}; the build copies tests/MultiModel.Tests/Fixtures/recorded there.", path);
    }
}
