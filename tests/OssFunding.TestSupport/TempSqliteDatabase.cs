using Microsoft.Data.Sqlite;

namespace OssFunding.TestSupport;

/// <summary>A SQLite ledger file in its own temporary folder, deleted (with its WAL files) on dispose.</summary>
public sealed class TempSqliteDatabase : IDisposable
{
    public TempSqliteDatabase()
    {
        Folder = Directory.CreateTempSubdirectory("ossfunding-sqlite-").FullName;
        Path = System.IO.Path.Combine(Folder, "data", "ledger.db");
        ConnectionString = $"Data Source={Path}";
    }

    public string Folder { get; }

    /// <summary>Inside a sub-folder that does not exist yet, so tests also cover folder creation.</summary>
    public string Path { get; }

    public string ConnectionString { get; }

    public void Dispose()
    {
        // Pooled connections keep the file open.
        SqliteConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
    }
}
