using System.Numerics;
using Nethereum.Contracts;
using Nethereum.Contracts.Standards.ERC20.ContractDefinition;
using OssFunding.Chain.Tests.Support;
using OssFunding.Safe.MultiSend;
using OssFunding.Safe.Transactions;

namespace OssFunding.Chain.Tests.Watcher;

/// <summary>
/// A token outflow in a transaction where the Safe emits nothing — a <c>transferFrom</c> by a spender the Safe once
/// approved — is still mirrored, so the confirmer can report it as unplanned.
/// </summary>
public sealed class OutflowWithoutExecutionTests
{
    private static readonly string Carol =
        Nethereum.Util.AddressUtil.Current.ConvertToChecksumAddress("0x000000000000000000000000000000000000ca01");

    [Fact]
    public async Task A_transferFrom_by_an_approved_spender_is_mirrored_without_an_execution()
    {
        await using var bed = await ChainTestbed.StartAsync();
        var world = bed.World;
        var spender = world.Deployer;
        var amount = world.Lpt.ToBaseUnits(7m);
        var approve = new ApproveFunction { Spender = spender.Address, Value = amount };
        var approval = await bed.Driver.ExecuteAsync(new SafeCall(world.Lpt.Address, 0, approve.GetCallData(), SafeOperation.Call));
        var pull = await world.Web3For(spender).Eth.GetContractTransactionHandler<TransferFromFunction>().SendRequestAndWaitForReceiptAsync(
            world.Lpt.Address, new TransferFromFunction { From = world.SafeAddress, To = Carol, Value = amount });
        Assert.Equal(BigInteger.One, pull.Status.Value);

        var result = await bed.NewWatcher().PollAsync(CancellationToken.None);

        Assert.Equal(1, result.Transfers);
        var transfer = Assert.Single(await bed.Reader.GetTransfersAsync(0, CancellationToken.None));
        Assert.Equal(
            (world.Lpt.Address, world.SafeAddress, Carol, amount.ToString(), pull.TransactionHash.ToLowerInvariant()),
            (transfer.Token, transfer.From, transfer.To, transfer.Amount, transfer.TxHash));
        Assert.Equal(((long)pull.BlockNumber.Value, (long)pull.Logs[0].LogIndex.Value), (transfer.BlockNumber, transfer.LogIndex));
        Assert.Null(transfer.ExecutionLogIndex);

        // The approval itself was an execution that moved nothing: it stays an execution without transfers.
        var execution = Assert.Single(await bed.Reader.GetExecutionsAsync(0, CancellationToken.None));
        Assert.Equal(approval.SafeTxHash, execution.SafeTxHash);
        Assert.Empty(execution.Transfers);
    }

    [Fact]
    public async Task A_transfer_inside_an_execution_is_stored_once_with_its_execution_and_an_idle_poll_reads_only_the_head()
    {
        await using var bed = await ChainTestbed.StartAsync();
        var world = bed.World;
        var payment = await bed.Driver.PayAsync(new Payment(world.Usdc.Address, Carol, world.Usdc.ToBaseUnits(3m)));
        var watcher = bed.NewWatcher();

        var result = await watcher.PollAsync(CancellationToken.None);
        bed.Proxy.ResetCounts();
        var idle = await watcher.PollAsync(CancellationToken.None);

        Assert.Equal((1, 1), (result.Transfers, result.Receipts));
        var transfer = Assert.Single(await bed.Reader.GetTransfersAsync(0, CancellationToken.None));
        var execution = Assert.Single(await bed.Reader.GetExecutionsAsync(0, CancellationToken.None));
        Assert.Equal((payment.SafeTxHash, execution.LogIndex), (execution.SafeTxHash, transfer.ExecutionLogIndex));
        Assert.True(idle.Idle);
        Assert.Equal(1, bed.Proxy.TotalCalls);
    }
}
