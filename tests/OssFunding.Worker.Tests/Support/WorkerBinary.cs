namespace OssFunding.Worker.Tests.Support;

/// <summary>Where the built worker lives: the Worker project's own output, same configuration as these tests.</summary>
internal static class WorkerBinary
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string DllPath { get; } = FindDll();

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "OssFunding.Worker.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"OssFunding.Worker.sln not found above {AppContext.BaseDirectory}");
    }

    private static string FindDll()
    {
        // Tests run from tests/OssFunding.Worker.Tests/bin/<Configuration>/<tfm>/.
        var tfm = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        string configuration = tfm.Parent!.Name;
        string dll = Path.Combine(RepositoryRoot, "src", "OssFunding.Worker", "bin", configuration, tfm.Name, "OssFunding.Worker.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build src/OssFunding.Worker first", dll);
    }
}
