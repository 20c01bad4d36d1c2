using OssFunding.Chain.Rpc;
using OssFunding.Chain.Tests.Support;
using OssFunding.Chain.Watcher;
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
}
