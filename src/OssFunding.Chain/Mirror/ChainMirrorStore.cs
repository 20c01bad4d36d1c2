using OssFunding.Core.Storage;
using System.Data.Common;
using Dapper;
using OssFunding.Chain.Watcher;

namespace OssFunding.Chain.Mirror;

/// <summary>
/// The watcher's writes to the mirror tables. Every method runs inside the caller's transaction; inserts ignore rows
/// already present (unique (tx_hash, log_index)), so a range re-scanned after a crash changes nothing.
/// </summary>
internal static class ChainMirrorStore
{
    private const string CheckpointColumns =
        "block_number AS Number, block_hash AS Hash, head_block AS Head, final_block AS Final";

    public static async Task<ChainCheckpoint> LoadOrCreateCheckpointAsync(
        DbTransaction tx, string safe, long startBlock, DateTimeOffset now)
    {
        await tx.Connection!.ExecuteAsync(
            """
            INSERT INTO chain_checkpoint (safe, block_number, block_hash, head_block, final_block, updated_at)
            VALUES (@safe, @number, NULL, @number, @number, @now)
            ON CONFLICT (safe) DO NOTHING
            """,
            new { safe, number = startBlock - 1, now = Timestamp(now) }, tx);
        return await LoadCheckpointAsync(tx.Connection!, tx, safe)
               ?? throw new InvalidOperationException($"chain_checkpoint row for {safe} vanished after insert.");
    }

    public static Task<ChainCheckpoint?> LoadCheckpointAsync(DbConnection connection, DbTransaction? tx, string safe) =>
        connection.QuerySingleOrDefaultAsync<ChainCheckpoint?>(
            $"SELECT {CheckpointColumns} FROM chain_checkpoint WHERE safe = @safe", new { safe }, tx);

    /// <summary>Stored block hashes at or below <paramref name="atOrBelow"/>, newest first.</summary>
    public static async Task<IReadOnlyList<KnownBlock>> KnownBlocksAsync(
        DbConnection connection, string safe, long atOrBelow, int limit)
    {
        var rows = await connection.QueryAsync<KnownBlock>(
            """
            SELECT block_number AS Number, block_hash AS Hash FROM chain_blocks
            WHERE safe = @safe AND block_number <= @atOrBelow ORDER BY block_number DESC LIMIT @limit
            """,
            new { safe, atOrBelow, limit });
        return rows.ToList();
    }

    /// <summary>Transactions of the range whose execution events (and so their transfers) are already stored.</summary>
    public static async Task<IReadOnlySet<string>> RecordedExecutionsAsync(
        DbConnection connection, string safe, long fromBlock, long toBlock)
    {
        var rows = await connection.QueryAsync<string>(
            $"""
            SELECT DISTINCT tx_hash || ':' || block_hash FROM chain_safe_events
            WHERE safe = @safe AND block_number BETWEEN @fromBlock AND @toBlock
              AND event IN {SqlLists.Names(SafeEventNames.Executions)}
            """,
            new { safe, fromBlock, toBlock });
        return rows.ToHashSet(StringComparer.Ordinal);
    }

    public static async Task InsertRangeAsync(DbTransaction tx, ScannedRange range)
    {
        await InsertEventsAsync(tx, range);
        await UpsertBlocksAsync(tx, range.Safe, range.Blocks);
    }

    /// <summary>Adds the range's Safe events and transfers that are not stored yet; returns how many Safe events were new.</summary>
    public static async Task<int> InsertEventsAsync(DbTransaction tx, ScannedRange range)
    {
        var connection = tx.Connection!;
        var added = await connection.ExecuteAsync(
            """
            INSERT INTO chain_safe_events (tx_hash, log_index, safe, block_number, block_hash, event, safe_tx_hash, payment,
                                           owner, approved_hash, threshold, module, nonce, topics, data)
            VALUES (@TxHash, @LogIndex, @Safe, @BlockNumber, @BlockHash, @Event, @SafeTxHash, @Payment,
                    @Owner, @ApprovedHash, @Threshold, @Module, @Nonce, @Topics, @Data)
            ON CONFLICT (tx_hash, log_index) DO NOTHING
            """,
            range.Events, tx);
        await connection.ExecuteAsync(
            """
            INSERT INTO chain_transfers (tx_hash, log_index, safe, block_number, block_hash, token, from_address, to_address,
                                         amount, execution_log_index)
            VALUES (@TxHash, @LogIndex, @Safe, @BlockNumber, @BlockHash, @Token, @FromAddress, @ToAddress,
                    @Amount, @ExecutionLogIndex)
            ON CONFLICT (tx_hash, log_index) DO NOTHING
            """,
            range.Transfers, tx);
        return added;
    }

    public static Task UpsertBlocksAsync(DbTransaction tx, string safe, IEnumerable<KnownBlock> blocks) =>
        tx.Connection!.ExecuteAsync(
            """
            INSERT INTO chain_blocks (safe, block_number, block_hash) VALUES (@safe, @Number, @Hash)
            ON CONFLICT (safe, block_number) DO UPDATE SET block_hash = excluded.block_hash
            """,
            blocks.Select(block => new { safe, block.Number, block.Hash }), tx);

    /// <summary>
    /// Moves the checkpoint from <paramref name="expectedNumber"/> to <paramref name="next"/>; throws when another
    /// watcher moved it meanwhile (the caller's transaction then rolls back).
    /// </summary>
    public static async Task MoveCheckpointAsync(
        DbTransaction tx, string safe, long expectedNumber, ChainCheckpoint next, DateTimeOffset now)
    {
        var moved = await tx.Connection!.ExecuteAsync(
            """
            UPDATE chain_checkpoint
            SET block_number = @Number, block_hash = @Hash, head_block = @Head, final_block = @Final, updated_at = @now
            WHERE safe = @safe AND block_number = @expectedNumber
            """,
            new { safe, expectedNumber, next.Number, next.Hash, next.Head, next.Final, now = Timestamp(now) }, tx);
        if (moved != 1)
        {
            throw new InvalidOperationException(
                $"The chain checkpoint of {safe} is no longer at block {expectedNumber}: another watcher is running.");
        }
    }

    /// <summary>Deletes every mirrored row above <paramref name="ancestor"/>.</summary>
    public static async Task DeleteAboveAsync(DbTransaction tx, string safe, long ancestor)
    {
        foreach (var table in new[] { "chain_transfers", "chain_safe_events", "chain_blocks" })
        {
            await tx.Connection!.ExecuteAsync(
                $"DELETE FROM {table} WHERE safe = @safe AND block_number > @ancestor", new { safe, ancestor }, tx);
        }
    }

    /// <summary>
    /// Forgets stored hashes of blocks below the final block except the newest of them: final blocks do not reorg,
    /// and one final block is enough to anchor a walk back. Logs keep their own block hash.
    /// </summary>
    public static Task PruneBlocksAsync(DbTransaction tx, string safe, long finalBlock) =>
        tx.Connection!.ExecuteAsync(
            """
            DELETE FROM chain_blocks WHERE safe = @safe AND block_number < (
                SELECT MAX(block_number) FROM chain_blocks WHERE safe = @safe AND block_number <= @finalBlock)
            """,
            new { safe, finalBlock }, tx);

    private static string Timestamp(DateTimeOffset now) =>
        now.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture);
}
