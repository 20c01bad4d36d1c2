using OssFunding.Chain.Tests.Support;
using OssFunding.Safe.MultiSend;
using OssFunding.Safe.Transactions;
using OssFunding.TestSupport;

namespace OssFunding.Chain.Tests.Watcher;

/// <summary>Reorged-out blocks disappear from the mirror, atomically with the listeners' undo.</summary>
public sealed class ReorgTests
{
    private const string Alice = "0x00000000000000000000000000000000000A11cE";
    private const string Bob = "0x0000000000000000000000000000000000000B0b";

    [Theory]
    [MemberData(nameof(SafeVersionMatrix.All), MemberType = typeof(SafeVersionMatrix))]
    public async Task Blocks_replaced_by_anvil_reorg_are_rewound_and_the_listener_gets_the_ancestor(SafeVersion version)
    {
        await using var bed = await ChainTestbed.StartAsync(version);
        var kept = await bed.Driver.PayAsync(new Payment(bed.World.Lpt.Address, Bob, 1));
        await bed.Chain.Rpc.MineAsync(2);
        var firstDoomed = await bed.HeadAsync() + 1;
        var doomed = await bed.Driver.PayAsync(new Payment(bed.World.Lpt.Address, Alice, 2));
        var watcher = bed.NewWatcher(options => options.Confirmations = 20);
        await watcher.PollAsync(CancellationToken.None);
        await MirrorAssert.HoldsExactlyAsync(bed, kept, doomed);

        // The approvals and the execution of `doomed` sit in the last three blocks.
        await bed.Chain.Rpc.ReorgAsync(3);
        var result = await watcher.PollAsync(CancellationToken.None);

        Assert.NotNull(result.RewoundTo);
        Assert.Equal([result.RewoundTo.Value], bed.Listener.Ancestors);
        Assert.InRange(result.RewoundTo.Value, kept.BlockNumber, firstDoomed - 1);
        Assert.Equal(await bed.HeadAsync(), result.Position.Checkpoint);
        await MirrorAssert.HoldsExactlyAsync(bed, kept);
        Assert.Empty((await bed.Reader.GetHashApprovalsAsync(firstDoomed, CancellationToken.None)));
    }

    [Fact]
    public async Task A_reverted_chain_that_mined_other_blocks_at_the_same_height_replaces_the_mirror()
    {
        await using var bed = await ChainTestbed.StartAsync();
        var watcher = bed.NewWatcher(options => options.Confirmations = 20);
        await watcher.PollAsync(CancellationToken.None);
        var snapshot = await bed.Chain.Rpc.SnapshotAsync();
        var before = await bed.HeadAsync();
        var first = await bed.Driver.PayAsync(new Payment(bed.World.Lpt.Address, Alice, 10));
        await watcher.PollAsync(CancellationToken.None);
        await MirrorAssert.HoldsExactlyAsync(bed, first);

        await bed.Chain.Rpc.RevertAsync(snapshot);
        var second = await bed.Driver.PayAsync(new Payment(bed.World.Usdc.Address, Bob, 20));
        Assert.Equal(first.BlockNumber, second.BlockNumber);
        var result = await watcher.PollAsync(CancellationToken.None);

        Assert.Equal([before], bed.Listener.Ancestors);
        Assert.Equal(before, result.RewoundTo);
        await MirrorAssert.HoldsExactlyAsync(bed, second);
    }

    [Fact]
    public async Task A_listener_that_fails_rolls_the_whole_rewind_back()
    {
        await using var bed = await ChainTestbed.StartAsync();
        var watcher = bed.NewWatcher(options => options.Confirmations = 20);
        var doomed = await bed.Driver.PayAsync(new Payment(bed.World.Lpt.Address, Alice, 3));
        await watcher.PollAsync(CancellationToken.None);
        var checkpoint = await bed.CheckpointAsync();
        await bed.Chain.Rpc.ReorgAsync(2);

        bed.Listener.Fail = true;
        await Assert.ThrowsAsync<InvalidOperationException>(() => watcher.PollAsync(CancellationToken.None));

        Assert.Equal(checkpoint, await bed.CheckpointAsync());
        await MirrorAssert.HoldsExactlyAsync(bed, doomed);

        bed.Listener.Fail = false;
        await watcher.PollAsync(CancellationToken.None);
        await MirrorAssert.HoldsExactlyAsync(bed);
        Assert.Single(bed.Listener.Ancestors);
    }
}
