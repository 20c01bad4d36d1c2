using OssFunding.Chain.Rpc;
using OssFunding.Chain.Tests.Support;
using OssFunding.Safe.Contracts;
using OssFunding.TestSupport;

namespace OssFunding.Chain.Tests.Watcher;

/// <summary>
/// First sync with <c>Chain:StartBlock</c> unset (issue 12 item 3 piece 2): the watcher starts at the Safe's creation
/// block, found from its SafeSetup log (no archive state), not at block 0.
/// </summary>
public sealed class CreationBlockTests
{
    [Fact]
    public async Task The_first_sync_starts_at_the_block_that_created_the_Safe()
    {
        await using var bed = await ChainTestbed.StartAsync();
        await bed.Chain.Rpc.MineAsync(30);
        // Refuse the whole chain at once, as a provider with a block limit does: the search walks forward instead.
        bed.Proxy.Inject(FaultKind.RethRangeLimit, RpcMethods.GetLogs, when: FaultProxy.LogRangeWiderThan(16));
        var watcher = bed.NewWatcher(options => (options.StartBlock, options.MaxBlockRange, options.CatchUpMaxBlockRange) = (0, 16, 16));

        var result = await watcher.PollAsync(CancellationToken.None);

        var created = await CreationBlockAsync(bed);
        Assert.True(created > 0, $"the devnet Safe was created in block {created}");
        Assert.Equal(created, result.FromBlock);
        Assert.Equal(await bed.HeadAsync(), result.Position.Checkpoint);
        Assert.Equal(1, await SetupEventsAsync(bed));
    }

    [Fact]
    public async Task A_configured_start_block_is_kept()
    {
        await using var bed = await ChainTestbed.StartAsync();
        var watcher = bed.NewWatcher(options => options.StartBlock = 1);

        var result = await watcher.PollAsync(CancellationToken.None);

        Assert.Equal(1, result.FromBlock);
    }

    private static Task<long> CreationBlockAsync(ChainTestbed bed) => SetupLogsAsync(bed, "MIN(block_number)");

    private static Task<long> SetupEventsAsync(ChainTestbed bed) => SetupLogsAsync(bed, "COUNT(*)");

    private static async Task<long> SetupLogsAsync(ChainTestbed bed, string aggregate)
    {
        await using var connection = await bed.Ledger.Database.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {aggregate} FROM chain_safe_events WHERE topics LIKE '{SafeEventDecoder.SafeSetupTopic}%'";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
