namespace OssFunding.Worker.Tests.Support;

/// <summary>
/// A throwaway working directory with its own SQLite ledger and a valid baseline environment (Safe address, admin
/// token). Tests change single settings through <see cref="Environment"/>, exactly as an operator would.
/// </summary>
internal sealed class WorkerSandbox : IDisposable
{
    public WorkerSandbox()
    {
        Directory = Path.Combine(Path.GetTempPath(), "ossfunding-worker-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        DatabasePath = Path.Combine(Directory, "ledger.db");
        Environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Safe__Address"] = TestData.SafeAddress,
            ["Api__AdminToken"] = TestData.AdminToken,
            ["Storage__ConnectionString"] = $"Data Source={DatabasePath}",
        };
    }

    public string Directory { get; }

    public string DatabasePath { get; }

    public Dictionary<string, string> Environment { get; }

    public string WriteFile(string name, string content)
    {
        string path = Path.Combine(Directory, name);
        File.WriteAllText(path, content);
        return path;
    }

    public Task<(int ExitCode, WorkerProcess Process)> RunAsync(params string[] args) => WorkerProcess.RunAsync(Directory, Environment, args);

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A process that was just killed may still hold the database for a moment; the temp folder is reclaimed anyway.
        }
    }
}
