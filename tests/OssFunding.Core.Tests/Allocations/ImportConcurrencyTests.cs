using Dapper;
using OssFunding.Core.Configuration;
using OssFunding.Core.Storage;
using OssFunding.TestSupport;
using static OssFunding.Core.Tests.Allocations.AllocationFile;

namespace OssFunding.Core.Tests.Allocations;

/// <summary>Two writers that together exceed a cap: exactly one wins, on both engines.</summary>
public abstract class ImportConcurrencyTests : LedgerFixture
{
    [Theory]
    [InlineData("projects", "3", "3.5")]   // 3000 used; 600 + 700 > 4000 while each fits alone
    [InlineData("reserve", "2.5", "2")]    // 500 + 400 > 750
    [InlineData("admin", "1", "0.5")]      // 200 + 100 > 250
    public async Task Two_imports_racing_for_the_same_cap_exactly_one_wins(string category, string amountA, string amountB)
    {
        await using var replica = await StartReplicaAsync();
        var fileA = Csv(Enumerable.Range(0, 200).Select(i => Row($"a-{i}", amountA, category: category)).ToArray());
        var fileB = Csv(Enumerable.Range(0, 200).Select(i => Row($"b-{i}", amountB, category: category)).ToArray());
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var a = Task.Run(async () => { await start.Task; return await Host.ImportCsvAsync(fileA); });
        var b = Task.Run(async () => { await start.Task; return await replica.ImportCsvAsync(fileB); });
        start.SetResult();
        var outcomes = await Task.WhenAll(a, b);

        var winner = Assert.Single(outcomes, outcome => outcome.Succeeded);
        Assert.Equal(200, winner.Added);
        var loser = Assert.Single(outcomes, outcome => !outcome.Succeeded);
        Assert.Contains($"budget exceeded for {category} LPT in cycle 2025", Assert.Single(loser.Errors).Reason, StringComparison.Ordinal);
        var line = Assert.Single(await Host.Budget.GetUsageAsync("2025", CancellationToken.None), l => l.Category == category && l.Token == "LPT");
        Assert.True(line.Allocated <= line.Cap, $"{line.Allocated} > {line.Cap}");
    }

    [Fact]
    public async Task An_import_waits_for_the_budget_lock_and_checks_what_the_holder_committed()
    {
        await using var replica = await StartReplicaAsync();
        var locked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var holder = Task.Run(() => Host.Database.WriteAsync(async (connection, transaction) =>
        {
            await LedgerDatabase.LockBudgetAsync(connection, transaction);
            locked.SetResult();
            await release.Task;
            await InsertDirectlyAsync(connection, transaction, "held", "900");
            await transaction.CommitAsync();
            return 0;
        }, CancellationToken.None));
        await locked.Task;

        // Task.Run: Microsoft.Data.Sqlite waits for the lock synchronously.
        var import = Task.Run(() => replica.ImportCsvAsync(Csv(Row("late", "600"))));
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        Assert.False(import.IsCompleted, "the import must wait for the budget lock");
        release.SetResult();
        await holder;
        var outcome = await import;

        Assert.Contains("cap 4000, used 3900, requested 600", Assert.Single(outcome.Errors).Reason, StringComparison.Ordinal);
    }

    private static async Task InsertDirectlyAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, string id, string amount)
    {
        await connection.ExecuteAsync(
            "INSERT INTO imports (id, kind, format, file_sha256, imported_at, row_count, added, unchanged) VALUES ('held-import', 'allocations', 'csv', 'x', '2025-01-01T00:00:00.0000000Z', 1, 1, 0)",
            transaction: transaction);
        await connection.ExecuteAsync(
            """
            INSERT INTO allocations (id, period, project, category, recipient, token, amount, approval_ref, memo, status, import_id, imported_at)
            VALUES (@id, '2025-01', 'FFmpeg', 'projects', @recipient, 'LPT', @amount, 'ref', '', 'Approved', 'held-import', '2025-01-01T00:00:00.0000000Z')
            """,
            new { id, amount, recipient = TestAddresses.Recipient(1) },
            transaction);
    }
}

public sealed class SqliteImportConcurrencyTests : ImportConcurrencyTests;

[Collection(PostgresCluster.Collection)]
public sealed class PostgresImportConcurrencyTests(PostgresCluster cluster) : ImportConcurrencyTests
{
    protected override StorageProvider Provider => StorageProvider.Postgres;

    protected override Task<string> CreateDatabaseAsync() => cluster.CreateDatabaseAsync();
}
