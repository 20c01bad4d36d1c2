using System.Data.Common;
using Dapper;
using OssFunding.Core.Allocations;
using OssFunding.Core.Ledger;

namespace OssFunding.Pipeline.Cancellation;

/// <summary>The operator cancel's SQL: whether a transaction was seen, its rejection, and what happens to its allocations.</summary>
internal static class CancelLedger
{
    /// <summary>Signatures stored for the transaction (from the API, the service, or approveHash on chain).</summary>
    public static Task<long> SignatureCountAsync(DbConnection connection, DbTransaction? transaction, string safeTxHash) =>
        connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM transaction_signatures WHERE safe_tx_hash = @safeTxHash", new { safeTxHash }, transaction);

    /// <summary>
    /// Whether the worker sent it, or began to send it, to the Safe Transaction Service (Signing:Mode=TransactionService):
    /// the proposer marks the row before its request leaves, so a proposal in flight counts too.
    /// </summary>
    public static async Task<bool> WasProposedAsync(DbConnection connection, DbTransaction? transaction, string safeTxHash) =>
        await connection.ExecuteScalarAsync<long>(
            """
            SELECT COUNT(*) FROM safe_transactions t
            WHERE t.safe_tx_hash = @safeTxHash
              AND (t.proposal_attempted_at IS NOT NULL OR EXISTS (SELECT 1 FROM service_proposals p WHERE p.safe_tx_hash = t.safe_tx_hash))
            """,
            new { safeTxHash }, transaction) > 0;

    public static Task SetCancelAllocationsAsync(DbTransaction transaction, string safeTxHash, bool cancelAllocations) =>
        transaction.Connection!.ExecuteAsync(
            "UPDATE safe_transactions SET cancel_allocations = @flag WHERE safe_tx_hash = @safeTxHash",
            new { safeTxHash, flag = cancelAllocations ? 1 : 0 }, transaction);

    /// <summary>
    /// The transaction ended without paying: its Queued allocations go back to Approved, or are Cancelled with
    /// <paramref name="reason"/> when the operator asked for that. Returns how many moved.
    /// </summary>
    public static Task<int> ReleaseAllocationsAsync(
        DbTransaction transaction, string safeTxHash, bool cancelAllocations, string reason, DateTimeOffset now) =>
        cancelAllocations
            ? AllocationMoves.CancelAsync(transaction, AllocationStatus.Queued, new AllocationSelection.OfTransaction(safeTxHash), reason, now)
            : AllocationMoves.MoveAsync(transaction, AllocationStatus.Queued, AllocationStatus.Approved, new AllocationSelection.OfTransaction(safeTxHash));
}
