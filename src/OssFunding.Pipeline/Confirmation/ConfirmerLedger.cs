using OssFunding.Core.Storage;
using System.Data.Common;
using Dapper;
using OssFunding.Chain.Mirror;
using OssFunding.Core.Ledger;
using OssFunding.Pipeline.Transactions;

namespace OssFunding.Pipeline.Confirmation;

/// <summary>The confirmer's SQL: payments, unplanned outflows, its checkpoint, and lookups in the chain mirror by hash.</summary>
internal static class ConfirmerLedger
{
    /// <summary>
    /// Lowest block of an execution event (success or failure) of any of <paramref name="safeTxHashes"/>, or null: where
    /// reading the mirror's executions has to start (looked up by hash, so a run does not re-read the whole history).
    /// </summary>
    public static Task<long?> FirstExecutionBlockAsync(DbConnection connection, string safe, IReadOnlyCollection<string> safeTxHashes)
    {
        if (safeTxHashes.Count == 0)
        {
            return Task.FromResult<long?>(null);
        }

        var parameters = new DynamicParameters(new { safe });
        return connection.ExecuteScalarAsync<long?>(
            $"""
            SELECT MIN(block_number) FROM chain_safe_events
            WHERE safe = @safe AND safe_tx_hash IN {SqlLists.Values(parameters, "hash", safeTxHashes)}
              AND event IN ('ExecutionSuccess', 'ExecutionFailure')
            """,
            parameters);
    }

    /// <summary>The SafeTx hash of the execution a transfer belongs to (same chain transaction), when known.</summary>
    public static Task<string?> ExecutionHashOfAsync(DbTransaction transaction, TokenTransfer transfer) =>
        transfer.ExecutionLogIndex is null
            ? Task.FromResult<string?>(null)
            : transaction.Connection!.ExecuteScalarAsync<string?>(
                "SELECT safe_tx_hash FROM chain_safe_events WHERE tx_hash = @TxHash AND log_index = @ExecutionLogIndex",
                new { transfer.TxHash, transfer.ExecutionLogIndex }, transaction);

    public static Task InsertPaymentAsync(DbTransaction transaction, string safeTxHash, MatchedPayment match, DateTimeOffset now) =>
        transaction.Connection!.ExecuteAsync(
            """
            INSERT INTO payments (id, allocation_id, kind, token, recipient, amount, safe_tx_hash, tx_hash, block_number,
                                  block_hash, log_index, off_chain_reference, recorded_at)
            VALUES (@Id, @AllocationId, 'OnChain', @Token, @Recipient, @Amount, @SafeTxHash, @TxHash, @BlockNumber,
                    @BlockHash, @LogIndex, NULL, @RecordedAt)
            """,
            new
            {
                Id = $"{match.Transfer.TxHash}:{match.Transfer.LogIndex}", match.Payment.AllocationId, match.Payment.Token,
                match.Payment.Recipient, match.Payment.Amount, SafeTxHash = safeTxHash, match.Transfer.TxHash,
                match.Transfer.BlockNumber, match.Transfer.BlockHash, match.Transfer.LogIndex, RecordedAt = LedgerTime.ToStored(now),
            },
            transaction);

    public static Task<bool> IsRecordedPaymentAsync(DbTransaction transaction, TokenTransfer transfer) =>
        transaction.Connection!.ExecuteScalarAsync<bool>(
            "SELECT COUNT(*) > 0 FROM payments WHERE tx_hash = @TxHash AND log_index = @LogIndex",
            new { transfer.TxHash, transfer.LogIndex }, transaction);

    /// <summary>Records an unplanned outflow; false when it was already recorded.</summary>
    public static async Task<bool> InsertUnplannedAsync(
        DbTransaction transaction, TokenTransfer transfer, string safe, string? safeTxHash, DateTimeOffset now) =>
        await transaction.Connection!.ExecuteAsync(
            """
            INSERT INTO unplanned_outflows (tx_hash, log_index, safe, block_number, block_hash, token, to_address, amount,
                                            safe_tx_hash, recorded_at)
            VALUES (@TxHash, @LogIndex, @safe, @BlockNumber, @BlockHash, @Token, @To, @Amount, @safeTxHash, @now)
            ON CONFLICT (tx_hash, log_index) DO NOTHING
            """,
            new
            {
                transfer.TxHash, transfer.LogIndex, safe, transfer.BlockNumber, transfer.BlockHash, transfer.Token, transfer.To,
                transfer.Amount, safeTxHash, now = LedgerTime.ToStored(now),
            },
            transaction) == 1;

    /// <summary>Last final block already classified (unplanned outflows, owner changes), or null before the first run.</summary>
    public static Task<long?> CheckpointAsync(DbConnection connection, DbTransaction? transaction, string safe) =>
        connection.ExecuteScalarAsync<long?>(
            "SELECT block_number FROM confirmer_checkpoint WHERE safe = @safe", new { safe }, transaction);

    /// <summary>Moves the checkpoint from <paramref name="expected"/> to <paramref name="next"/>; false when another run moved it.</summary>
    public static async Task<bool> MoveCheckpointAsync(
        DbTransaction transaction, string safe, long? expected, long next, DateTimeOffset now)
    {
        var at = LedgerTime.ToStored(now);
        var connection = transaction.Connection!;
        var changed = expected is null
            ? await connection.ExecuteAsync(
                """
                INSERT INTO confirmer_checkpoint (safe, block_number, updated_at) VALUES (@safe, @next, @at)
                ON CONFLICT (safe) DO NOTHING
                """,
                new { safe, next, at }, transaction)
            : await connection.ExecuteAsync(
                "UPDATE confirmer_checkpoint SET block_number = @next, updated_at = @at WHERE safe = @safe AND block_number = @expected",
                new { safe, next, at, expected }, transaction);
        return changed == 1;
    }
}
