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
        // Pooled connections keep the file open, and a connection closing meanwhile can write its -wal/-shm file between
        // the delete's listing and its rmdir ("Directory not empty"): clear the pools and try again a few times.
        for (var attempt = 1; ; attempt++)
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(Folder, recursive: true);
                return;
            }
            catch (IOException) when (attempt < 5)
            {
                Thread.Sleep(100 * attempt);
            }
        }
    }
}
