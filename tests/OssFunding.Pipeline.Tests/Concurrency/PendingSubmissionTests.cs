using Dapper;
using OssFunding.Core.Ledger;
using OssFunding.Pipeline.Execution;
using OssFunding.Pipeline.Tests.Support;
using OssFunding.Pipeline.Transactions;
using OssFunding.Safe.Transactions;
using OssFunding.TestSupport;

namespace OssFunding.Pipeline.Tests.Concurrency;

/// <summary>
/// At most one Pending executor submission per Safe tx (SPEC §2.1, never pay twice), held by the schema
/// (ux_execution_submissions_pending, migration 0008) and not only by the insert's NOT EXISTS, which cannot see a row
/// another worker has not committed yet (two replicas, a cluster failover).
/// </summary>
[Collection(PostgresCluster.Collection)]
public sealed class PendingSubmissionTests(DevnetWorlds devnet, PostgresCluster postgres) : IClassFixture<DevnetWorlds>
{
    private const string Sender = "0x00000000000000000000000000000000000000e1";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_unique_index_refuses_a_second_pending_submission_of_one_safe_tx(bool onPostgres)
    {
        await using var pipeline = await PipelineHarness.StartAsync(devnet, SafeVersion.V141, null, onPostgres ? await postgres.CreateDatabaseAsync() : null);
        var hash = await ReadyTransactionAsync(pipeline);

        await InsertRawAsync(pipeline, hash, TxHash(1), "Pending");
        var second = await Assert.ThrowsAnyAsync<Exception>(() => InsertRawAsync(pipeline, hash, TxHash(2), "Pending"));
        Assert.True(UniqueViolation.Matches(second), second.Message);

        // Settled submissions do not count: a dropped one and a later pending one live side by side.
        await InsertRawAsync(pipeline, hash, TxHash(3), "Dropped");
        Assert.Equal(1, await pipeline.CountAsync("SELECT COUNT(*) FROM execution_submissions WHERE status = 'Pending'"));
        Assert.Equal(2, await pipeline.CountAsync("SELECT COUNT(*) FROM execution_submissions"));
    }

    [Fact]
    public async Task A_pending_submission_committed_by_another_worker_meanwhile_counts_as_already_submitted()
    {
        await using var pipeline = await PipelineHarness.StartAsync(devnet, SafeVersion.V141, null, await postgres.CreateDatabaseAsync());
        var hash = await ReadyTransactionAsync(pipeline);

        // The other worker's submission is stored but not committed: our NOT EXISTS cannot see it.
        await using var connection = await pipeline.Database.OpenAsync(CancellationToken.None);
        await using var other = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync(InsertSql, Row(hash, TxHash(1), "Pending", pipeline), other);

        var ours = new SignedExecution(hash, Sender, 7, "0x02", TxHash(2));
        var storing = Task.Run(() => pipeline.Database.WriteAsync(async (_, transaction) =>
        {
            var inserted = await ExecutionSubmissions.InsertAsync(transaction, ours, pipeline.Clock.GetUtcNow());
            await transaction.CommitAsync();
            return inserted;
        }, CancellationToken.None));
        await RowLockTests.WaitForLockWaitAsync(pipeline, storing);
        await other.CommitAsync();

        Assert.False(await storing);
        Assert.Equal([TxHash(1)], (await connection.QueryAsync<string>("SELECT tx_hash FROM execution_submissions")).ToList());
    }

    private const string InsertSql =
        """
        INSERT INTO execution_submissions (tx_hash, safe_tx_hash, sender, sender_nonce, raw_transaction, status, created_at, updated_at)
        VALUES (@txHash, @hash, @sender, 7, '0x02', @status, @at, @at)
        """;

    private static object Row(string hash, string txHash, string status, PipelineHarness pipeline) =>
        new { txHash, hash, sender = Sender, status, at = LedgerTime.ToStored(pipeline.Clock.GetUtcNow()) };

    private static Task InsertRawAsync(PipelineHarness pipeline, string hash, string txHash, string status) =>
        pipeline.ExecuteSqlAsync(InsertSql, Row(hash, txHash, status, pipeline));

    private static async Task<string> ReadyTransactionAsync(PipelineHarness pipeline)
    {
        await pipeline.ImportAsync(Samples.One("solo", Samples.FFmpeg, "LPT", "1"));
        var hash = (await pipeline.DraftAsync()).SafeTxHash;
        await pipeline.ExecuteSqlAsync("UPDATE safe_transactions SET status = 'ReadyToExecute' WHERE safe_tx_hash = @hash", new { hash });
        return hash;
    }

    private static string TxHash(int n) => "0x" + n.ToString("x64", System.Globalization.CultureInfo.InvariantCulture);
}
