using OssFunding.Chain.Mirror;
using OssFunding.Chain.Rpc;
using OssFunding.Core.Storage;

namespace OssFunding.Chain.Watcher;

/// <summary>What one block range holds for the mirror, ready to be written in one transaction.</summary>
internal sealed record ScannedRange(
    string Safe, long FromBlock, long ToBlock, IReadOnlyList<SafeEventRow> Events, IReadOnlyList<TransferRow> Transfers,
    IReadOnlyList<KnownBlock> Blocks, int Receipts)
{
    /// <summary>Executions the logs hold: each raised the Safe's nonce by one.</summary>
    public int Executions => Events.Count(row => row.Event is SafeEventNames.ExecutionSuccess or SafeEventNames.ExecutionFailure);
}

/// <summary>
/// Reads one block range: one <c>eth_getLogs</c> for everything the Safe emitted, one receipt per transaction in which
/// the Safe executed something (its token transfers with their execution), and one <c>eth_getLogs</c> for the
/// configured tokens' Transfer logs from the Safe, which also catches outflows outside any execution (a
/// <c>transferFrom</c> by a spender the Safe once approved).
/// </summary>
internal sealed class RangeScanner(ChainRpc rpc, LedgerDatabase database, IReadOnlyList<string> tokens)
{
    public async Task<ScannedRange> ScanAsync(string safe, long fromBlock, long toBlock, ChainBlock head, CancellationToken cancellationToken)
    {
        var logs = await rpc.GetLogsAsync(safe, fromBlock, toBlock, cancellationToken);
        var events = logs.Select(log => SafeLogDecoder.Decode(log, safe)).ToList();
        var outflowLogs = tokens.Count == 0
            ? []
            : await rpc.GetTransferLogsFromAsync(tokens, safe, fromBlock, toBlock, cancellationToken);
        var outflows = SafeLogDecoder.TransfersFromSafe(outflowLogs, safe, []);
        var blocks = KnownBlocks(events.Select(row => new KnownBlock(row.BlockNumber, row.BlockHash))
            .Concat(outflows.Select(row => new KnownBlock(row.BlockNumber, row.BlockHash))));
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
        return new ScannedRange(safe, fromBlock, toBlock, events, Merge(transfers.Rows, outflows), blocks, transfers.Receipts);
    }

    /// <summary>One hash per block; the two log calls naming two hashes for one block means a reorg between them.</summary>
    private static List<KnownBlock> KnownBlocks(IEnumerable<KnownBlock> seen)
    {
        var blocks = new List<KnownBlock>();
        foreach (var group in seen.Distinct().GroupBy(block => block.Number))
        {
            var hashes = group.ToList();
            if (hashes.Count > 1)
            {
                throw new ChainMovedException(group.Key, hashes[0].Hash, hashes[1].Hash);
            }

            blocks.Add(hashes[0]);
        }

        return blocks;
    }

    /// <summary>Receipt rows first: they know their execution; the filtered log adds only what no receipt held.</summary>
    private static List<TransferRow> Merge(List<TransferRow> fromReceipts, IReadOnlyList<TransferRow> fromFilter)
    {
        var known = fromReceipts.Select(row => (row.TxHash, row.LogIndex)).ToHashSet();
        return [.. fromReceipts, .. fromFilter.Where(row => !known.Contains((row.TxHash, row.LogIndex)))];
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
            rows.AddRange(SafeLogDecoder.TransfersFromSafe(
                LogChecks.ReceiptLogs(receipt), safe, execution.Select(row => row.LogIndex).ToList()));
        }

        return (rows, receipts);
    }
}

/// <summary>The chain changed under a poll (a log of the head block names another hash than the head itself).</summary>
public sealed class ChainMovedException(long blockNumber, string expectedHash, string actualHash)
    : Exception($"Block {blockNumber} changed during the poll: head said {expectedHash}, its logs say {actualHash}; the next poll re-checks.");
