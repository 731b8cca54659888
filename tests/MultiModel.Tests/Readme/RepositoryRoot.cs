namespace MultiModel.Tests.Readme;

/// <summary>Finds the repository root (the folder of MultiModel.sln) above the test directory.</summary>
internal static class RepositoryRoot
{
    private static readonly Lazy<string> Root = new(Find);

    public static string Path => Root.Value;

    private static string Find()
    {
        for (var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "MultiModel.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("MultiModel.sln was not found above the test directory.");
    }
}
