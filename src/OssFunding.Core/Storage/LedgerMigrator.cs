using Dapper;
using DbUp;
using DbUp.Builder;
using DbUp.Engine;
using Microsoft.Extensions.Logging;
using OssFunding.Core.Configuration;

namespace OssFunding.Core.Storage;

/// <summary>
/// Applies the embedded scripts in Storage/Migrations (one set for both engines) and, per engine, those in
/// Storage/Migrations/Postgres (Quartz's cluster tables, constraint changes) or Storage/Migrations/Sqlite (constraint
/// changes SQLite makes its own way) with DbUp, in resource-name order (so an engine's scripts run after the shared
/// scripts of the same release), one transaction per script.
/// Already applied scripts are recorded in one <c>schema_versions</c> journal and skipped.
/// </summary>
internal sealed class LedgerMigrator(LedgerDatabase database, ILogger<LedgerMigrator> logger) : ILedgerMigrator
{
    private const string JournalTable = "schema_versions";
    private const string SharedScripts = ".Storage.Migrations.";
    private const string PostgresScripts = ".Storage.Migrations.Postgres.";
    private const string SqliteScripts = ".Storage.Migrations.Sqlite.";

    // Arbitrary constant shared by every replica: only one of them migrates a PostgreSQL database at a time.
    private const long PostgresMigrationLock = 0x4F_5346_4C45_4447;

    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken)
    {
        if (database.Provider == StorageProvider.Sqlite)
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            // Persistent per database file: readers never block the writer.
            await connection.ExecuteAsync("PRAGMA journal_mode = WAL;");
        }

        var guard = database.Provider == StorageProvider.Postgres ? await LockPostgresAsync(cancellationToken) : null;
        DatabaseUpgradeResult result;
        try
        {
            result = await Task.Run(Builder().Build().PerformUpgrade, cancellationToken);
        }
        finally
        {
            if (guard is not null)
            {
                // Explicitly: a pooled connection keeps session locks until it is reused.
                await guard.ExecuteAsync("SELECT pg_advisory_unlock(@key)", new { key = PostgresMigrationLock });
                await guard.DisposeAsync();
            }
        }

        if (!result.Successful)
        {
            throw new InvalidOperationException(
                $"Ledger migration {result.ErrorScript?.Name ?? "(unknown script)"} failed: {result.Error.Message}", result.Error);
        }

        var applied = result.Scripts.Select(script => script.Name).ToList();
        foreach (var name in applied)
        {
            logger.LogInformation("Applied ledger migration {Migration}", name);
        }

        return applied;
    }

    public async Task PingAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteScalarAsync<int>(new CommandDefinition("SELECT 1", cancellationToken: cancellationToken));
    }

    /// <summary>Holds a session advisory lock until the returned connection is closed.</summary>
    private async Task<System.Data.Common.DbConnection> LockPostgresAsync(CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "SELECT pg_advisory_lock(@key)", new { key = PostgresMigrationLock }, cancellationToken: cancellationToken));
        return connection;
    }

    private UpgradeEngineBuilder Builder()
    {
        var builder = database.Provider == StorageProvider.Sqlite
            ? DeployChanges.To.SqliteDatabase(database.ConnectionString).JournalToSqliteTable(JournalTable)
            : DeployChanges.To.PostgresqlDatabase(database.ConnectionString).JournalToPostgresqlTable("public", JournalTable);
        return builder
            .WithScriptsEmbeddedInAssembly(typeof(LedgerMigrator).Assembly, name => IsMigration(name, database.Provider))
            .WithTransactionPerScript()
            .LogToNowhere();
    }

    private static bool IsMigration(string resourceName, StorageProvider provider) =>
        resourceName.EndsWith(".sql", StringComparison.Ordinal) &&
        resourceName.Contains(SharedScripts, StringComparison.Ordinal) &&
        !resourceName.Contains(provider == StorageProvider.Postgres ? SqliteScripts : PostgresScripts, StringComparison.Ordinal);
}
