using Dapper;
using Microsoft.Extensions.DependencyInjection;
using OssFunding.Core.Storage;
using OssFunding.Pipeline.Drafting;
using OssFunding.Pipeline.Tests.Support;
using OssFunding.Pipeline.Transactions;
using OssFunding.Safe.Transactions;
using OssFunding.TestSupport;

namespace OssFunding.Pipeline.Tests.Drafting;

[CollectionDefinition(PostgresCluster.Collection)]
public sealed class PostgresCollection : ICollectionFixture<PostgresCluster>;

/// <summary>Two worker processes drafting at once on one ledger never put an allocation or a nonce into two live transactions.</summary>
[Collection(PostgresCluster.Collection)]
public sealed class ConcurrentDraftTests(DevnetWorlds devnet, PostgresCluster postgres) : IClassFixture<DevnetWorlds>
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Two_drafters_at_once_never_double_queue_an_allocation_or_reuse_a_nonce(bool onPostgres)
    {
        await using var pipeline = await PipelineHarness.StartAsync(devnet, SafeVersion.V141, new Dictionary<string, string?>
        {
            ["Drafting:MaxLiveTransactions"] = "10",
            ["Drafting:MaxPaymentsPerTransaction"] = "2",
        }, onPostgres ? await postgres.CreateDatabaseAsync() : null);
        await pipeline.ImportAsync(Samples.Month);
        var drafters = new[] { pipeline.Drafter, pipeline.StartPeer().GetRequiredService<Drafter>() };

        var results = new List<DraftResult>();
        for (var round = 0; round < 5; round++)
        {
            var outcomes = await Task.WhenAll(drafters.Select(d => Task.Run(() => d.DraftAsync(CancellationToken.None))));
            results.AddRange(outcomes.Select(o => o.Result));
        }

        Assert.Equal(3, results.Count(r => r == DraftResult.Drafted)); // 5 due, 2 per transaction
        Assert.All(results, r => Assert.Contains(r, new[] { DraftResult.Drafted, DraftResult.LostRace, DraftResult.NothingDue }));
        await using var connection = await pipeline.Database.OpenAsync(CancellationToken.None);
        var nonces = (await connection.QueryAsync<long>("SELECT nonce FROM safe_transactions ORDER BY nonce")).ToList();
        Assert.Equal([0L, 1L, 2L], nonces);
        var queued = (await connection.QueryAsync<string>("SELECT allocation_id FROM transaction_allocations")).ToList();
        Assert.Equal(Samples.DueInJune, queued.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_unique_indexes_refuse_a_second_live_transaction_for_an_allocation_or_a_nonce(bool onPostgres)
    {
        await using var pipeline = await PipelineHarness.StartAsync(devnet, SafeVersion.V130, null, onPostgres ? await postgres.CreateDatabaseAsync() : null);
        await pipeline.ImportAsync(Samples.Header +
            $"x,2025-06,FFmpeg,projects,{Samples.FFmpeg},LPT,1,https://forum.example/t/1,x\n" +
            $"y,2025-06,OpenCV,projects,{Samples.OpenCv},LPT,2,https://forum.example/t/1,y\n");
        var builder = pipeline.Get<PaymentBatchBuilder>();
        var owners = pipeline.World.Owners.Select(o => o.Address).ToList();
        DueAllocation Due(string id, string recipient, decimal amount) =>
            new(id, "2025-06", id, recipient, "LPT", amount, pipeline.World.Lpt.ToBaseUnits(amount));
        Task<bool> InsertAsync(DueAllocation allocation, long nonce) => pipeline.Database.WriteAsync(async (_, transaction) =>
        {
            var built = builder.Build([new LedgerPayment("LPT", allocation.Recipient, allocation.Amount)], nonce);
            await DraftLedger.InsertAsync(transaction, new NewTransaction(built, builder.Safe, pipeline.World.Chain.ChainId,
                TransactionStatus.AwaitingSignatures, "1.3.0", 3, owners), [allocation], pipeline.Clock.GetUtcNow());
            await transaction.CommitAsync();
            return true;
        }, CancellationToken.None);

        await InsertAsync(Due("x", Samples.FFmpeg, 1), 0);
        var sameAllocation = await Assert.ThrowsAnyAsync<Exception>(() => InsertAsync(Due("x", Samples.FFmpeg, 1), 1));
        var sameNonce = await Assert.ThrowsAnyAsync<Exception>(() => InsertAsync(Due("y", Samples.OpenCv, 2), 0));

        Assert.True(UniqueViolation.Matches(sameAllocation), sameAllocation.Message);
        Assert.True(UniqueViolation.Matches(sameNonce), sameNonce.Message);
        Assert.Equal(1, await pipeline.CountAsync("SELECT COUNT(*) FROM safe_transactions"));
    }
}
