using Dapper;
using OssFunding.Core.Configuration;
using OssFunding.TestSupport;

namespace OssFunding.Core.Tests.Storage;

public sealed class SqliteMigrationTests : IDisposable
{
    private readonly TempSqliteDatabase database = new();

    [Fact]
    public async Task Creates_the_folder_applies_every_script_once_and_a_second_run_is_a_no_op()
    {
        await using var host = await LedgerTestHost.StartAsync(StorageProvider.Sqlite, database.ConnectionString);

        Assert.True(File.Exists(database.Path));
        var second = await host.Migrator.MigrateAsync(CancellationToken.None);
        Assert.Empty(second);
        await using var connection = await host.Database.OpenAsync(CancellationToken.None);
        var journal = await connection.QueryAsync<string>("SELECT ScriptName FROM schema_versions");
        Assert.Contains(journal, name => name.EndsWith("0001_ledger.sql", StringComparison.Ordinal));
        Assert.Equal("wal", await connection.ExecuteScalarAsync<string>("PRAGMA journal_mode"));
        await host.Migrator.PingAsync(CancellationToken.None);
    }

    public void Dispose() => database.Dispose();
}
