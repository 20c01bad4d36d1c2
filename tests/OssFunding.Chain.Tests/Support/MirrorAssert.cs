using OssFunding.Chain.Mirror;
using OssFunding.Safe.Contracts;

namespace OssFunding.Chain.Tests.Support;

internal static class MirrorAssert
{
    /// <summary>The execution's transfers are exactly the receipt's ERC-20 Transfer logs from the Safe.</summary>
    public static void TransfersMatchReceipt(SafeExecution execution, SafeExecutionReceipt executed, string safe)
    {
        Assert.Equal(executed.SafeTxHash, execution.SafeTxHash);
        Assert.Equal(executed.TxHash, execution.TxHash);
        Assert.Equal(executed.BlockNumber, execution.BlockNumber);
        Assert.Equal(executed.Receipt.BlockHash.ToLowerInvariant(), execution.BlockHash);
        var expected = SafeEventDecoder.DecodeTransfers(executed.Receipt.Logs)
            .Where(t => t.From == safe)
            .Select(t => (t.Token, t.To, t.Value.ToString(), (long)t.Location.LogIndex));
        Assert.Equal(expected, execution.Transfers.Select(t => (t.Token, t.To, t.Amount, t.LogIndex)));
        Assert.All(execution.Transfers, t => Assert.Equal(execution.LogIndex, t.ExecutionLogIndex));
        Assert.All(execution.Transfers, t => Assert.True(t.LogIndex < execution.LogIndex));
        Assert.All(execution.Transfers, t => Assert.Equal(safe, t.From));
    }

    /// <summary>The mirror holds exactly these executions, in order, each with its receipt's transfers.</summary>
    public static async Task HoldsExactlyAsync(ChainTestbed bed, params SafeExecutionReceipt[] executed)
    {
        var executions = await bed.Reader.GetExecutionsAsync(0, CancellationToken.None);
        Assert.Equal(executed.Select(e => e.SafeTxHash), executions.Select(e => e.SafeTxHash));
        foreach (var (execution, receipt) in executions.Zip(executed))
        {
            TransfersMatchReceipt(execution, receipt, bed.World.SafeAddress);
        }

        // No stray or duplicated transfer rows beyond those of the executions.
        Assert.Equal(executions.Sum(e => e.Transfers.Count), await bed.CountAsync("chain_transfers"));
    }
}
