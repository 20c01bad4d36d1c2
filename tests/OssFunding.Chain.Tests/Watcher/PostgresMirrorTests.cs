using OssFunding.Chain.Tests.Support;
using OssFunding.Safe.MultiSend;
using OssFunding.TestSupport;

namespace OssFunding.Chain.Tests.Watcher;

[CollectionDefinition(PostgresCluster.Collection)]
public sealed class PostgresCollection : ICollectionFixture<PostgresCluster>;

/// <summary>The same mirror, rescans and rewinds on a real PostgreSQL server (the production engine).</summary>
[Collection(PostgresCluster.Collection)]
public sealed class PostgresMirrorTests(PostgresCluster postgres)
{
    private const string Alice = "0x00000000000000000000000000000000000A11cE";

    [Fact]
    public async Task Mirrors_rescans_without_duplicates_and_rewinds_a_reorg_on_postgresql()
    {
        await using var bed = await ChainTestbed.StartAsync(postgresConnectionString: await postgres.CreateDatabaseAsync());
        var kept = await bed.Driver.PayAsync(
            new Payment(bed.World.Lpt.Address, Alice, 1), new Payment(bed.World.Usdc.Address, Alice, 2));
        await bed.Chain.Rpc.MineAsync(3);
        var doomed = await bed.Driver.PayAsync(new Payment(bed.World.Lpt.Address, Alice, 3));

        // Interrupted at the fourth range, then finished by a fresh watcher that re-reads the unverified ranges.
        using (var kill = new CancellationTokenSource())
        {
            var logQueries = 0;
            bed.Proxy.OnRequest = method =>
            {
                if (method == OssFunding.Chain.Rpc.RpcMethods.GetLogs && ++logQueries == 4)
                {
                    kill.Cancel();
                }
            };
            await Assert.ThrowsAnyAsync<OperationCanceledException>(
                () => bed.NewWatcher(options => options.MaxBlockRange = 5).PollAsync(kill.Token));
            bed.Proxy.OnRequest = null;
        }

        var watcher = bed.NewWatcher(options => options.Confirmations = 20);
        await watcher.PollAsync(CancellationToken.None);
        await MirrorAssert.HoldsExactlyAsync(bed, kept, doomed);

        await bed.Chain.Rpc.ReorgAsync(3);
        var result = await watcher.PollAsync(CancellationToken.None);

        Assert.Equal([result.RewoundTo!.Value], bed.Listener.Ancestors);
        await MirrorAssert.HoldsExactlyAsync(bed, kept);
        Assert.Equal(await bed.HeadAsync(), (await bed.CheckpointAsync()).Number);
    }
}
