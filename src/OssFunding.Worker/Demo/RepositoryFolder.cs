namespace OssFunding.Worker.Demo;

/// <summary>
/// The repository root the demo reads its samples from and writes data/demo/ under, whichever way it was started
/// (from the root, from src/OssFunding.Worker with <c>dotnet run</c>, from a published output inside the clone): the
/// nearest folder holding <c>OssFunding.Worker.sln</c> above the current directory, else above the binary, else the
/// current directory itself.
/// </summary>
internal static class RepositoryFolder
{
    public const string Marker = "OssFunding.Worker.sln";

    public static string Locate() => Locate(Directory.GetCurrentDirectory(), AppContext.BaseDirectory);

    public static string Locate(string currentDirectory, string binaryDirectory) =>
        FindAbove(currentDirectory) ?? FindAbove(binaryDirectory) ?? Path.GetFullPath(currentDirectory);

    private static string? FindAbove(string start)
    {
        for (var folder = new DirectoryInfo(Path.GetFullPath(start)); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, Marker)))
            {
                return folder.FullName;
            }
        }

        return null;
    }
}
