using System.Text.Json;
using System.Text.RegularExpressions;

namespace MultiModel.Tests.Conformance;

/// <summary>
/// Checks the recorded fixtures as a whole: they are there, their README names exactly the files on disk, and every
/// recording says where it came from, so that a missing or undocumented file fails the suite instead of shrinking it.
/// </summary>
[Parallelizable(ParallelScope.All)]
public partial class RecordedFixtureInventoryTests
{
    private static readonly string[] Providers = ["anthropic", "xai"];

    [Test]
    public void Folder_BothProviders_HoldJsonAndStreamRecordings()
    {
        var counts = Providers.SelectMany(p => new[] { ".json", ".sse" }.Select(e => (p, e, RecordedFixtures.Names(p, e).ToList())));

        Assert.Multiple(() =>
        {
            foreach (var (provider, extension, names) in counts)
            {
                Assert.That(names, Does.Not.Contain(RecordedFixtures.Missing), $"{provider}/*{extension}");
                Assert.That(names, Has.Count.GreaterThanOrEqualTo(5), $"{provider}/*{extension}");
            }
        });
    }

    [Test]
    public void Readme_FileTables_NameExactlyTheRecordingsOnDisk()
    {
        var named = FileRow().Matches(ReadReadme()).Select(m => m.Groups["file"].Value).ToList();

        Assert.That(named, Is.Unique, "a recording is listed twice");
        Assert.That(named.Order(StringComparer.Ordinal), Is.EqualTo(Bodies().Order(StringComparer.Ordinal)));
    }

    [Test]
    public void Sidecars_EveryRecording_NamesItsSourceListedInTheReadme()
    {
        var readme = ReadReadme();
        var sources = SourceRow().Matches(readme).Select(m => (m.Groups["repo"].Value, m.Groups["commit"].Value)).ToHashSet();
        var bodies = Bodies().ToList();

        Assert.That(bodies, Is.Not.Empty);
        Assert.Multiple(() =>
        {
            foreach (var body in bodies)
            {
                var (_, meta) = RecordedFixtures.Read(Path.GetDirectoryName(body)!, Path.GetFileName(body));
                var repo = meta.GetProperty("source_repo").GetString()!;
                var commit = meta.GetProperty("source_commit").GetString()!;
                Assert.That(commit, Does.Match("^[0-9a-f]{40}$"), body);
                Assert.That(meta.GetProperty("source_path").GetString(), Is.Not.Empty, body);
                Assert.That(meta.GetProperty("status").ValueKind, Is.EqualTo(JsonValueKind.Number), body);
                Assert.That(sources, Does.Contain((repo, commit)), $"{body}: {repo}@{commit} is not in the README's Sources table");
            }
        });
    }

    [Test]
    public void Read_MissingRecording_ThrowsInsteadOfSkipping()
    {
        var ex = Assert.Throws<FileNotFoundException>(() => RecordedFixtures.Read("xai", "no-such-recording.json"));

        Assert.That(ex!.Message, Does.Contain(Path.Combine("xai", "no-such-recording.json")));
    }

    [Test]
    public void Names_UnknownProvider_ListsOneCaseThatFails()
    {
        var names = RecordedFixtures.Names("no-such-provider", ".json").ToList();

        Assert.That(names, Is.EqualTo(new[] { RecordedFixtures.Missing }));
        Assert.Throws<FileNotFoundException>(() => RecordedFixtures.Read("no-such-provider", names[0]));
    }

    private static string ReadReadme() => File.ReadAllText(Path.Combine(RecordedFixtures.Folder, "README.md"));

    /// <summary>Lists the recorded bodies as <c>provider/name</c> (sidecars excluded).</summary>
    private static IEnumerable<string> Bodies() =>
        Providers.SelectMany(provider => Directory.Exists(Path.Combine(RecordedFixtures.Folder, provider))
            ? Directory.EnumerateFiles(Path.Combine(RecordedFixtures.Folder, provider))
                .Select(file => Path.GetFileName(file))
                .Where(name => !name.EndsWith(".meta.json", StringComparison.Ordinal))
                .Select(name => $"{provider}/{name}")
            : []);

    [GeneratedRegex(@"^\| `(?<file>(anthropic|xai)/[^`]+)` \|", RegexOptions.Multiline)]
    private static partial Regex FileRow();

    [GeneratedRegex(@"^\| (?<repo>[\w.-]+/[\w.-]+) \| `(?<commit>[0-9a-f]{40})` \|", RegexOptions.Multiline)]
    private static partial Regex SourceRow();
}
