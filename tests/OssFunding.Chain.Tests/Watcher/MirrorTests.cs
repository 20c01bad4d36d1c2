using OssFunding.Chain.Mirror;
using OssFunding.Chain.Watcher;
using OssFunding.Chain.Tests.Support;
using OssFunding.Safe.Contracts;
using OssFunding.Safe.Contracts.Abi;
using OssFunding.Safe.MultiSend;
using OssFunding.Safe.Transactions;
using Nethereum.Contracts;
using OssFunding.TestSupport;

namespace OssFunding.Chain.Tests.Watcher;

/// <summary>What the Safe does on a real chain ends up in the mirror, exactly, for both Safe versions.</summary>
public sealed class MirrorTests
{
    private const string Alice = "0x00000000000000000000000000000000000A11cE";
    private const string Bob = "0x0000000000000000000000000000000000000B0b";

    [Theory]
    [MemberData(nameof(SafeVersionMatrix.All), MemberType = typeof(SafeVersionMatrix))]
    public async Task Executions_are_mirrored_with_their_transfer_logs_approvals_and_finality(SafeVersion version)
    {
        await using var bed = await ChainTestbed.StartAsync(version);
        var world = bed.World;
        var single = await bed.Driver.PayAsync(new Payment(world.Lpt.Address, Alice, world.Lpt.ToBaseUnits(12.5m)));
        var batch = await bed.Driver.PayAsync(
            new Payment(world.Lpt.Address, Bob, world.Lpt.ToBaseUnits(1m)),
            new Payment(world.Usdc.Address, Alice, world.Usdc.ToBaseUnits(250m)));
        // More LPT than the Safe holds, with safeTxGas > 0: the Safe emits ExecutionFailure instead of reverting.
        var failing = await bed.Driver.ExecuteAsync(
            PaymentBatchEncoder.Encode([new Payment(world.Lpt.Address, Alice, world.Lpt.ToBaseUnits(1_000_000m))],
                world.Contracts.MultiSendCallOnly), safeTxGas: 200_000);

        var watcher = bed.NewWatcher(options => options.Confirmations = 20);
        var result = await watcher.PollAsync(CancellationToken.None);

        Assert.False(result.Idle);
        Assert.Equal(await bed.HeadAsync(), result.Position.Checkpoint);
        var executions = await bed.Reader.GetExecutionsAsync(0, CancellationToken.None);
        Assert.Equal([single.SafeTxHash, batch.SafeTxHash, failing.SafeTxHash], executions.Select(e => e.SafeTxHash));
        Assert.Equal([true, true, false], executions.Select(e => e.Success));
        Assert.Equal([0L, 1L, 2L], executions.Select(e => e.Nonce ?? -1));

        MirrorAssert.TransfersMatchReceipt(executions[0], single, world.SafeAddress);
        MirrorAssert.TransfersMatchReceipt(executions[1], batch, world.SafeAddress);
        Assert.Empty(executions[2].Transfers);
        var first = Assert.Single(executions[0].Transfers);
        Assert.Equal((world.Lpt.Address, Alice, world.Lpt.ToBaseUnits(12.5m).ToString()), (first.Token, first.To, first.Amount));
        Assert.Equal(
            [(world.Lpt.Address, Bob, world.Lpt.ToBaseUnits(1m).ToString()), (world.Usdc.Address, Alice, world.Usdc.ToBaseUnits(250m).ToString())],
            executions[1].Transfers.Select(t => (t.Token, t.To, t.Amount)));

        // Two owners approved each of the three hashes on chain (the third signature is the executor's msg.sender).
        var approvals = await bed.Reader.GetHashApprovalsAsync(0, CancellationToken.None);
        Assert.Equal(6, approvals.Count);
        Assert.Equal(
            new[] { single.SafeTxHash, batch.SafeTxHash, failing.SafeTxHash }.SelectMany(hash => new[] { hash, hash }),
            approvals.Select(a => a.ApprovedHash));
        Assert.Equal(world.Owners.Skip(1).Take(2).Select(o => o.Address).Order(), approvals.Take(2).Select(a => a.Owner).Order());

        // Nothing is final until Confirmations blocks sit on top of it.
        Assert.All(executions, e => Assert.False(e.IsFinal));
        await bed.Chain.Rpc.MineAsync(20);
        await watcher.PollAsync(CancellationToken.None);
        var later = await bed.Reader.GetExecutionsAsync(0, CancellationToken.None);
        Assert.All(later, e => Assert.True(e.IsFinal));
        Assert.All(later.SelectMany(e => e.Transfers), t => Assert.True(t.IsFinal));
    }

    [Theory]
    [MemberData(nameof(SafeVersionMatrix.All), MemberType = typeof(SafeVersionMatrix))]
    public async Task Owner_and_threshold_changes_are_mirrored(SafeVersion version)
    {
        await using var bed = await ChainTestbed.StartAsync(version);
        var newOwner = Nethereum.Util.AddressUtil.Current.ConvertToChecksumAddress("0x00000000000000000000000000000000000C0FFe");
        var add = new AddOwnerWithThresholdFunction { Owner = newOwner, Threshold = 4 };
        await bed.Driver.ExecuteAsync(new SafeCall(bed.World.SafeAddress, 0, add.GetCallData(), SafeOperation.Call));

        await bed.NewWatcher().PollAsync(CancellationToken.None);

        var changes = await bed.Reader.GetOwnerChangesAsync(0, CancellationToken.None);
        Assert.Equal(
            [(SafeEventNames.AddedOwner, (string?)newOwner, (long?)null), (SafeEventNames.ChangedThreshold, null, 4L)],
            changes.Select(c => (c.Event, c.Owner, c.Threshold)));
    }

    [Fact]
    public async Task Every_mirrored_transfer_is_a_transfer_log_of_the_receipt_and_nothing_is_recorded_twice()
    {
        await using var bed = await ChainTestbed.StartAsync();
        var paid = await bed.Driver.PayAsync(new Payment(bed.World.Usdc.Address, Bob, 7));
        var watcher = bed.NewWatcher();
        await watcher.PollAsync(CancellationToken.None);
        var before = await bed.DumpMirrorAsync();

        // Forget the checkpoint's place: the same blocks are read again and must change nothing.
        await bed.Chain.Rpc.MineAsync(1);
        var rescan = bed.NewWatcher(options => options.StartBlock = 0);
        await using (var connection = await bed.Ledger.Database.OpenAsync(CancellationToken.None))
        {
            await Dapper.SqlMapper.ExecuteAsync(connection, "UPDATE chain_checkpoint SET block_number = 0, block_hash = NULL");
        }

        await rescan.PollAsync(CancellationToken.None);

        Assert.Equal(before, await bed.DumpMirrorAsync());
        var execution = Assert.Single(await bed.Reader.GetExecutionsAsync(0, CancellationToken.None));
        MirrorAssert.TransfersMatchReceipt(execution, paid, bed.World.SafeAddress);
    }
}
