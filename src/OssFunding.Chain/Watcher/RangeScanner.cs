using OssFunding.Chain.Mirror;
using OssFunding.Chain.Rpc;
using OssFunding.Core.Storage;

namespace OssFunding.Chain.Watcher;

/// <summary>What one block range holds for the mirror, ready to be written in one transaction.</summary>
internal sealed record ScannedRange(
    string Safe, long FromBlock, long ToBlock, IReadOnlyList<SafeEventRow> Events, IReadOnlyList<TransferRow> Transfers,
    IReadOnlyList<KnownBlock> Blocks, int Receipts);

/// <summary>
/// Reads one block range: one <c>eth_getLogs</c> for everything the Safe emitted, then one receipt per transaction
/// in which the Safe executed something, for the token transfers out of the Safe.
/// </summary>
internal sealed class RangeScanner(ChainRpc rpc, LedgerDatabase database)
{
    public async Task<ScannedRange> ScanAsync(string safe, long fromBlock, long toBlock, ChainBlock head, CancellationToken cancellationToken)
    {
        var logs = await rpc.GetLogsAsync(safe, fromBlock, toBlock, cancellationToken);
        var events = logs.Select(log => SafeLogDecoder.Decode(log, safe)).ToList();
        var blocks = events.Select(row => new KnownBlock(row.BlockNumber, row.BlockHash)).Distinct().ToList();
        var headHash = blocks.FirstOrDefault(block => block.Number == head.Number)?.Hash;
        if (headHash is not null && headHash != head.Hash)
        {
            throw new ChainMovedException(head.Number, head.Hash, headHash);
        }

        if (toBlock == head.Number && headHash is null)
        {
            blocks.Add(new KnownBlock(head.Number, head.Hash));
        }

        var transfers = await ReadTransfersAsync(safe, fromBlock, toBlock, events, cancellationToken);
        return new ScannedRange(safe, fromBlock, toBlock, events, transfers.Rows, blocks, transfers.Receipts);
    }

    private async Task<(List<TransferRow> Rows, int Receipts)> ReadTransfersAsync(
        string safe, long fromBlock, long toBlock, List<SafeEventRow> events, CancellationToken cancellationToken)
    {
        var executions = events.Where(row => row.IsExecution).GroupBy(row => (row.TxHash, row.BlockHash)).ToList();
        var rows = new List<TransferRow>();
        if (executions.Count == 0)
        {
            return (rows, 0);
        }

        // After a crash mid-poll the range is scanned again: executions already stored have their transfers too.
        IReadOnlySet<string> recorded;
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            recorded = await ChainMirrorStore.RecordedExecutionsAsync(connection, safe, fromBlock, toBlock);
        }

        var receipts = 0;
        foreach (var execution in executions.Where(group => !recorded.Contains($"{group.Key.TxHash}:{group.Key.BlockHash}")))
        {
            var receipt = await rpc.GetReceiptAsync(execution.Key.TxHash, execution.Key.BlockHash, cancellationToken);
            receipts++;
            rows.AddRange(SafeLogDecoder.TransfersFromSafe(receipt, safe, execution.Select(row => row.LogIndex).ToList()));
        }

        return (rows, receipts);
    }
}

/// <summary>The chain changed under a poll (a log of the head block names another hash than the head itself).</summary>
public sealed class ChainMovedException(long blockNumber, string expectedHash, string actualHash)
    : Exception($"Block {blockNumber} changed during the poll: head said {expectedHash}, its logs say {actualHash}; the next poll re-checks.");
