namespace MultiModel.Tests.Readme;

/// <summary>Checks that every C# block of README.md is the code of a compiled, tested <c>#region snippet:NAME</c> in this folder.</summary>
[Parallelizable(ParallelScope.All)]
public class ReadmeSnippetTests
{
    [Test]
    public void Readme_EveryCSharpBlock_HasSnippetMarker()
    {
        var blocks = ReadmeSnippetParser.ReadBlocks(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "README.md")));

        var unmarked = blocks.Where(b => b.Name is null).Select(b => $"README.md line {b.Line}").ToList();

        Assert.That(blocks, Is.Not.Empty, "README.md has no C# block");
        Assert.That(unmarked, Is.Empty, "each ```csharp block needs a <!-- snippet: NAME --> line before it");
    }

    [Test]
    public void Readme_EverySnippetBlock_MatchesItsCompiledRegion()
    {
        var root = RepositoryRoot.Path;
        var blocks = ReadmeSnippetParser.ReadBlocks(File.ReadAllText(Path.Combine(root, "README.md")));
        // The shared-state snippets are compiled and run by the project that has a Redis-compatible server.
        var regions = ReadmeSnippetParser.ReadRegions(new[] { "MultiModel.Tests", "MultiModel.Redis.Tests" }
            .SelectMany(project => Directory.EnumerateFiles(Path.Combine(root, "tests", project, "Readme"), "*.cs"))
            .Select(path => (path, File.ReadAllText(path))));

        var problems = new List<string>();
        foreach (var block in blocks.Where(b => b.Name is not null))
        {
            if (!regions.TryGetValue(block.Name!, out var region))
            {
                problems.Add($"README.md line {block.Line}: no '#region snippet:{block.Name}' in tests/MultiModel.Tests/Readme/*.cs or tests/MultiModel.Redis.Tests/Readme/*.cs");
            }
            else if (ReadmeSnippetParser.Normalize(block.Code) != ReadmeSnippetParser.Normalize(region))
            {
                problems.Add($"README.md line {block.Line}: snippet '{block.Name}' differs from its region.\n--- README\n"
                    + ReadmeSnippetParser.Normalize(block.Code) + "\n--- region\n" + ReadmeSnippetParser.Normalize(region));
            }
        }

        Assert.That(problems, Is.Empty);
    }

    [Test]
    public void ReadBlocks_BlockWithoutMarker_HasNoName()
    {
        const string Markdown = """
            <!-- snippet: first -->
            ```csharp
            var a = 1;
            ```

            Some text.
            ```csharp
            var b = 2;
            ```

            ```bash
            dotnet test
            ```
            """;

        var blocks = ReadmeSnippetParser.ReadBlocks(Markdown);

        Assert.That(blocks.Select(b => (b.Name, b.Line, b.Code)), Is.EqualTo(new (string?, int, string)[]
        {
            ("first", 2, "var a = 1;"),
            (null, 7, "var b = 2;"),
        }));
    }

    [Test]
    public void ReadRegions_SameNameTwice_Throws()
    {
        // Built by concatenation so that this file holds no region of that name itself.
        const string Code = "#region " + "snippet:one\nvar a = 1;\n#endregion";

        Assert.That(() => ReadmeSnippetParser.ReadRegions([("a.cs", Code), ("b.cs", Code)]), Throws.InvalidOperationException.With.Message.Contains("'one'"));
    }

    [Test]
    public void Normalize_DifferentIndentationAndAlignment_Equal()
    {
        const string Indented = "\n        var x = 1;   // one\n        if (x > 0)\n        {\n            x++;\n        }\n  ";
        const string Flush = "var x = 1; // one\nif (x > 0)\n{\n    x++;\n}";

        Assert.That(ReadmeSnippetParser.Normalize(Indented), Is.EqualTo(Flush));
    }

    [Test]
    public void Normalize_DifferentCode_NotEqual()
    {
        Assert.That(ReadmeSnippetParser.Normalize("var x = 1;"), Is.Not.EqualTo(ReadmeSnippetParser.Normalize("var x = 2;")));
    }
}
