using System.Data;
using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;
using OssFunding.Core.Configuration;

namespace OssFunding.Core.Storage;

/// <summary>
/// Opens connections to the ledger and runs write transactions, hiding the provider (SQLite or PostgreSQL).
/// Every write that depends on what it read (budget checks, state changes) goes through <see cref="WriteAsync{T}"/>.
/// </summary>
public sealed class LedgerDatabase
{
    private static readonly TimeSpan SqliteBusyTimeout = TimeSpan.FromSeconds(30);

    public LedgerDatabase(IOptions<StorageOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Provider = options.Value.Provider;
        ConnectionString = Provider == StorageProvider.Sqlite
            ? PrepareSqlite(options.Value.ConnectionString)
            : options.Value.ConnectionString;
    }

    public StorageProvider Provider { get; }

    /// <summary>The effective connection string. May hold a password: never log it.</summary>
    internal string ConnectionString { get; }

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        DbConnection connection = Provider == StorageProvider.Sqlite
            ? new SqliteConnection(ConnectionString)
            : new NpgsqlConnection(ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            if (Provider == StorageProvider.Sqlite)
            {
                // Per connection: wait for a competing writer instead of failing at once.
                await connection.ExecuteAsync($"PRAGMA busy_timeout = {(int)SqliteBusyTimeout.TotalMilliseconds};");
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> in a write transaction: <c>BEGIN IMMEDIATE</c> on SQLite (one writer at a time,
    /// taken before the first read), READ COMMITTED on PostgreSQL (callers lock rows, see <see cref="LockBudgetAsync"/>).
    /// The work commits by calling <c>CommitAsync</c>; anything else (return without commit, exception) rolls back.
    /// </summary>
    public async Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        await using var connection = await OpenAsync(cancellationToken);
        await using DbTransaction transaction = connection is SqliteConnection sqlite
            ? sqlite.BeginTransaction(deferred: false)
            : await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
        return await work(connection, transaction);
    }

    /// <summary>
    /// Serializes every writer that changes budget use (imports, cancellations) until the transaction ends, so a
    /// budget check and the insert it allows happen without another writer in between.
    /// </summary>
    public static Task LockBudgetAsync(DbConnection connection, DbTransaction transaction) =>
        connection.ExecuteAsync(
            "UPDATE budget_lock SET version = version + 1 WHERE name = 'allocations'",
            transaction: transaction);

    private static string PrepareSqlite(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString)
        {
            ForeignKeys = true,
            DefaultTimeout = (int)SqliteBusyTimeout.TotalSeconds,
        };
        var path = builder.DataSource;
        var inMemory = builder.Mode == SqliteOpenMode.Memory || path == ":memory:" || path.Length == 0;
        if (!inMemory && !path.StartsWith("file:", StringComparison.Ordinal))
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }
        }

        return builder.ToString();
    }
}
