using OssFunding.Chain.Rpc;
using OssFunding.Chain.Tests.Support;
using OssFunding.Chain.Watcher;
using OssFunding.Safe.Contracts;
using OssFunding.Safe.MultiSend;
using OssFunding.TestSupport;

namespace OssFunding.Chain.Tests.Watcher;

/// <summary>
/// SPEC §10 (an RPC answer is evidence, not truth) and §2 invariant 1 (never pay twice): a node that answers <c>eth_getLogs</c> with
/// <c>[]</c> for blocks in which the Safe executed, or leaves out only the Safe's own events, cannot move the
/// checkpoint over them: the Safe's nonce at the range's end does not match the executions in the answer.
/// </summary>
public sealed class LaggingLogsTests
{
    private const string Alice = "0x00000000000000000000000000000000000A11cE";

    public static TheoryData<string> Answers => new() { "every log query empty", "only the Safe's events missing" };

    [Theory]
    [MemberData(nameof(Answers))]
    public async Task Logs_that_miss_an_execution_leave_the_checkpoint_and_the_range_is_mirrored_once_the_node_answers(string answer)
    {
        await using var bed = await ChainTestbed.StartAsync();
        await bed.NewWatcher().PollAsync(CancellationToken.None);
        var checkpoint = await bed.CheckpointAsync();
        var mirror = await bed.DumpMirrorAsync();
        var paid = await bed.Driver.PayAsync(new Payment(bed.World.Lpt.Address, Alice, 1));
        await bed.Chain.Rpc.MineAsync(2);

        bed.Proxy.Inject(FaultKind.EmptyLogs, RpcMethods.GetLogs,
            when: answer == "every log query empty" ? null : FaultProxy.LogsOf(bed.World.SafeAddress));
        var watcher = bed.NewWatcher();
        var error = await Assert.ThrowsAsync<InconsistentRangeException>(() => watcher.PollAsync(CancellationToken.None));

        Assert.Contains("the Safe's nonce went from 0 to 1 but the logs hold 0 execution(s)", error.Message, StringComparison.Ordinal);
        Assert.Equal(checkpoint, await bed.CheckpointAsync());
        Assert.Equal(mirror, await bed.DumpMirrorAsync());

        bed.Proxy.ClearFaults();
        var healed = await watcher.PollAsync(CancellationToken.None);
        Assert.Equal(await bed.HeadAsync(), healed.Position.Checkpoint);
        await MirrorAssert.HoldsExactlyAsync(bed, paid);
    }

    [Fact]
    public async Task A_nonce_read_by_number_from_another_fork_cannot_vouch_for_a_window_missing_an_execution()
    {
        await using var bed = await ChainTestbed.StartAsync();
        await bed.NewWatcher().PollAsync(CancellationToken.None);
        var start = await bed.CheckpointAsync();
        // Ranges of 10 blocks in windows of 1, 2, 4, 8 ranges: the execution in the second window, a lone approveHash
        // (a Safe event that moves no nonce) in the third, the head in the fourth.
        await bed.Chain.Rpc.MineAsync(15);
        var paid = await bed.Driver.PayAsync(new Payment(bed.World.Lpt.Address, Alice, 1));
        await bed.Chain.Rpc.MineAsync(20);
        var approval = await new SafeContract(bed.World.Web3For(bed.World.Owners[3]), bed.World.SafeAddress)
            .ApproveHashAsync(Enumerable.Repeat((byte)7, 32).ToArray());
        await bed.Chain.Rpc.MineAsync(100);
        Assert.InRange((long)approval.BlockNumber.Value, start.Number + 31, start.Number + 70);
        // The pool's node on the other fork lacks the execution: its logs say nothing, its state by number is older.
        bed.Proxy.OtherForkBlock = paid.BlockNumber - 1;
        bed.Proxy.Inject(FaultKind.OtherForkStateByNumber, RpcMethods.GetStorageAt);
        bed.Proxy.Inject(FaultKind.EmptyLogs, RpcMethods.GetLogs, when: FaultProxy.LogRangeCovers(paid.BlockNumber));
        var watcher = bed.NewWatcher(options => (options.MaxBlockRange, options.CatchUpMaxBlockRange) = (10, 10));

        var error = await Assert.ThrowsAsync<InconsistentRangeException>(() => watcher.PollAsync(CancellationToken.None));

        Assert.True(error.FromBlock <= paid.BlockNumber && paid.BlockNumber <= error.ToBlock, error.Message);
        Assert.True((await bed.CheckpointAsync()).Number < paid.BlockNumber, "the checkpoint moved over the missing execution");
        bed.Proxy.ClearFaults();
        var healed = await watcher.PollAsync(CancellationToken.None);
        Assert.Equal(await bed.HeadAsync(), healed.Position.Checkpoint);
        await MirrorAssert.HoldsExactlyAsync(bed, paid);
    }
}
