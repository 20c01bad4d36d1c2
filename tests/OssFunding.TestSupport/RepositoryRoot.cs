namespace OssFunding.TestSupport;

/// <summary>Finds files of the repository (samples, appsettings.json) from a test's output folder.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    public static string File(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (System.IO.File.Exists(System.IO.Path.Combine(folder.FullName, "OssFunding.Worker.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"OssFunding.Worker.sln not found above {AppContext.BaseDirectory}");
    }
}
