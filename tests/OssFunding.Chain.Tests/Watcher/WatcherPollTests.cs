using OssFunding.TestSupport;
using OssFunding.Chain.Rpc;
using OssFunding.Chain.Tests.Support;
using OssFunding.Safe.MultiSend;

namespace OssFunding.Chain.Tests.Watcher;

/// <summary>Cost and resilience of a poll: idle cost, adaptive ranges, failover.</summary>
public sealed class WatcherPollTests
{
    private const string Alice = "0x00000000000000000000000000000000000A11cE";

    [Fact]
    public async Task An_idle_poll_makes_exactly_one_rpc_call_and_a_new_empty_block_four()
    {
        await using var bed = await ChainTestbed.StartAsync();
        var watcher = bed.NewWatcher();
        await watcher.PollAsync(CancellationToken.None);

        bed.Proxy.ResetCounts();
        var idle = await watcher.PollAsync(CancellationToken.None);

        Assert.True(idle.Idle);
        Assert.Equal(1, bed.Proxy.TotalCalls);
        Assert.Equal(1, bed.Proxy.Count(RpcMethods.GetBlockByNumber));

        await bed.Chain.Rpc.MineAsync(1);
        bed.Proxy.ResetCounts();
        var oneBlock = await watcher.PollAsync(CancellationToken.None);

        Assert.False(oneBlock.Idle);
        Assert.Equal(await bed.HeadAsync(), oneBlock.Position.Checkpoint);
        // The head, then the range's two log queries (the Safe's own logs and the tokens' Transfer logs from the Safe), and
        // the Safe's nonce at the range's end (the nonce at its start is remembered from the last poll).
        Assert.Equal(new Dictionary<string, int> { [RpcMethods.GetBlockByNumber] = 1, [RpcMethods.GetLogs] = 2, [RpcMethods.GetStorageAt] = 1 },
            bed.Proxy.Calls);
    }

    [Fact]
    public async Task The_range_halves_while_the_node_refuses_it_and_grows_back_when_it_stops()
    {
        await using var bed = await ChainTestbed.StartAsync();
        await bed.Chain.Rpc.MineAsync(200);
        bed.Proxy.Inject(FaultKind.TooManyResults, RpcMethods.GetLogs, when: FaultProxy.LogRangeWiderThan(16));
        var watcher = bed.NewWatcher(options => (options.MaxBlockRange, options.CatchUpMaxBlockRange) = (64, 64));

        var refused = await watcher.PollAsync(CancellationToken.None);

        Assert.Equal(await bed.HeadAsync(), refused.Position.Checkpoint);
        Assert.InRange(watcher.RangeSize, 16, 32);
        Assert.True(refused.Ranges >= 200 / 16, $"{refused.Ranges} ranges");

        bed.Proxy.ClearFaults();
        await bed.Chain.Rpc.MineAsync(300);
        var recovered = await watcher.PollAsync(CancellationToken.None);

        Assert.Equal(64, watcher.RangeSize);
        Assert.Equal(await bed.HeadAsync(), recovered.Position.Checkpoint);
        Assert.True(recovered.Ranges < 300 / 16, $"{recovered.Ranges} ranges");
    }

    [Fact]
    public async Task A_log_query_that_times_out_is_halved_not_retried()
    {
        await using var bed = await ChainTestbed.StartAsync();
        await bed.Chain.Rpc.MineAsync((int)(60 - await bed.HeadAsync()));
        var hung = 0;
        var wide = FaultProxy.LogRangeWiderThan(32);
        bed.Proxy.Inject(FaultKind.Hang, RpcMethods.GetLogs, when: request => wide(request) && ++hung > 0);
        // A start block, so no creation-block search runs before the ranges this test counts.
        var watcher = bed.NewWatcher(options => (options.MaxBlockRange, options.StartBlock) = (64, 1));

        var result = await watcher.PollAsync(CancellationToken.None);

        Assert.Equal(60, result.Position.Checkpoint);
        Assert.Equal(1, hung);
        Assert.Equal(2, result.Ranges);
        // The hung query, then two per range (the Safe's logs and the tokens' Transfer logs from the Safe).
        Assert.Equal(1 + 2 * 2, bed.Proxy.Count(RpcMethods.GetLogs));
    }

    [Fact]
    public async Task When_the_first_url_fails_the_watcher_polls_through_the_second()
    {
        await using var bed = await ChainTestbed.StartAsync();
        await using var broken = await FaultProxy.StartAsync(bed.Chain.RpcUrl);
        broken.Inject(FaultKind.Http500);
        var paid = await bed.Driver.PayAsync(new Payment(bed.World.Lpt.Address, Alice, 5));
        var watcher = bed.NewWatcher(options => options.RpcUrls = [broken.Url, bed.Proxy.Url]);

        var result = await watcher.PollAsync(CancellationToken.None);

        Assert.Equal(await bed.HeadAsync(), result.Position.Checkpoint);
        await MirrorAssert.HoldsExactlyAsync(bed, paid);
        Assert.True(broken.TotalCalls >= 1);
        Assert.Equal(0, broken.Count(RpcMethods.GetLogs));
    }
}
