using Dapper;
using DbUp;
using DbUp.Builder;
using Microsoft.Extensions.Logging;
using OssFunding.Core.Configuration;

namespace OssFunding.Core.Storage;

/// <summary>
/// Applies the embedded scripts in Storage/Migrations (one set for both engines) with DbUp, in name order,
/// one transaction per script. Already applied scripts are recorded in <c>schema_versions</c> and skipped.
/// </summary>
internal sealed class LedgerMigrator(LedgerDatabase database, ILogger<LedgerMigrator> logger) : ILedgerMigrator
{
    private const string JournalTable = "schema_versions";

    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken)
    {
        if (database.Provider == StorageProvider.Sqlite)
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            // Persistent per database file: readers never block the writer.
            await connection.ExecuteAsync("PRAGMA journal_mode = WAL;");
        }

        var engine = Builder().Build();
        var result = await Task.Run(engine.PerformUpgrade, cancellationToken);
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

    private UpgradeEngineBuilder Builder()
    {
        var builder = database.Provider == StorageProvider.Sqlite
            ? DeployChanges.To.SqliteDatabase(database.ConnectionString).JournalToSqliteTable(JournalTable)
            : DeployChanges.To.PostgresqlDatabase(database.ConnectionString).JournalToPostgresqlTable("public", JournalTable);
        return builder
            .WithScriptsEmbeddedInAssembly(typeof(LedgerMigrator).Assembly, IsMigration)
            .WithTransactionPerScript()
            .LogToNowhere();
    }

    private static bool IsMigration(string resourceName) =>
        resourceName.Contains(".Storage.Migrations.", StringComparison.Ordinal) &&
        resourceName.EndsWith(".sql", StringComparison.Ordinal);
}
