using OssFunding.TestSupport;
using OssFunding.Chain.Rpc;
using OssFunding.Chain.Tests.Support;
using OssFunding.Safe.MultiSend;

namespace OssFunding.Chain.Tests.Watcher;

/// <summary>An answer that cannot be true fails the poll loudly and never moves the checkpoint.</summary>
public sealed class BadAnswerTests
{
    private const string Alice = "0x00000000000000000000000000000000000A11cE";

    public static TheoryData<FaultKind, string?> Faults => new()
    {
        { FaultKind.Http500, null },
        { FaultKind.MalformedJson, null },
        { FaultKind.Hang, RpcMethods.GetBlockByNumber },
        { FaultKind.NullResult, RpcMethods.GetBlockByNumber },
        { FaultKind.NullResult, RpcMethods.GetTransactionReceipt },
        { FaultKind.WrongChainId, RpcMethods.ChainId },
        { FaultKind.LyingBlockHash, RpcMethods.GetBlockByNumber },
        { FaultKind.LyingBlockHash, RpcMethods.GetLogs },
        { FaultKind.LyingBlockHash, RpcMethods.GetTransactionReceipt },
        { FaultKind.TooManyResults, RpcMethods.GetLogs },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task A_bad_answer_fails_the_poll_and_leaves_the_checkpoint(FaultKind fault, string? method)
    {
        await using var bed = await ChainTestbed.StartAsync();
        await bed.NewWatcher().PollAsync(CancellationToken.None);
        var checkpoint = await bed.CheckpointAsync();
        var mirror = await bed.DumpMirrorAsync();
        var paid = await bed.Driver.PayAsync(new Payment(bed.World.Lpt.Address, Alice, 1));

        bed.Proxy.Inject(fault, method);
        var watcher = bed.NewWatcher();
        var error = await Record.ExceptionAsync(() => watcher.PollAsync(CancellationToken.None));

        Assert.NotNull(error);
        Assert.IsNotType<OperationCanceledException>(error);
        Assert.Equal(checkpoint, await bed.CheckpointAsync());
        Assert.Equal(mirror, await bed.DumpMirrorAsync());

        bed.Proxy.ClearFaults();
        var healed = await bed.NewWatcher().PollAsync(CancellationToken.None);
        Assert.Equal(await bed.HeadAsync(), healed.Position.Checkpoint);
        await MirrorAssert.HoldsExactlyAsync(bed, paid);
    }

    /// <summary>
    /// A Transfer log or Safe event with the right topics but from another contract (a lookalike token, another Safe)
    /// is not evidence of anything: the answer holding it is refused whole, naming the contract, whichever filter
    /// (the Safe's events or the tokens' transfers) it was slipped into.
    /// </summary>
    [Theory]
    [InlineData("safe")]
    [InlineData("token")]
    public async Task A_log_from_a_contract_the_filter_did_not_name_fails_the_poll_naming_it(string filter)
    {
        await using var bed = await ChainTestbed.StartAsync();
        await bed.NewWatcher().PollAsync(CancellationToken.None);
        var checkpoint = await bed.CheckpointAsync();
        var mirror = await bed.DumpMirrorAsync();
        await bed.Driver.PayAsync(new Payment(bed.World.Lpt.Address, Alice, 1));

        bed.Proxy.Inject(FaultKind.ForeignContractLog, RpcMethods.GetLogs,
            when: FaultProxy.LogsOf(filter == "safe" ? bed.World.SafeAddress : bed.World.Lpt.Address));
        var error = await Record.ExceptionAsync(() => bed.NewWatcher().PollAsync(CancellationToken.None));

        Assert.NotNull(error);
        Assert.Contains("log from 0x000000000000000000000000000000000000dEaD", error.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(checkpoint, await bed.CheckpointAsync());
        Assert.Equal(mirror, await bed.DumpMirrorAsync());
    }
}
