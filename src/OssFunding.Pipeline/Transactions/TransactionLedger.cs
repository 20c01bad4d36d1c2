using OssFunding.Core.Storage;
using System.Data.Common;
using Dapper;
using OssFunding.Core.Ledger;

namespace OssFunding.Pipeline.Transactions;

/// <summary>
/// SQL for <c>safe_transactions</c>, <c>transaction_allocations</c> and <c>transaction_signatures</c>. Every state change
/// is a guarded UPDATE (<c>WHERE status IN (allowed sources)</c>) run inside the caller's transaction, so a step that
/// lost a race changes nothing and learns it from the row count.
/// </summary>
internal static class TransactionLedger
{
    private const string Columns =
        """
        safe_tx_hash AS SafeTxHash, safe AS Safe, chain_id AS ChainId, nonce AS Nonce, status AS Status,
        to_address AS ToAddress, value AS Value, data AS Data, operation AS Operation, safe_tx_gas AS SafeTxGas,
        base_gas AS BaseGas, gas_price AS GasPrice, gas_token AS GasToken, refund_receiver AS RefundReceiver,
        safe_version AS SafeVersion, threshold AS Threshold, typed_data AS TypedData, execution_tx_hash AS ExecutionTxHash,
        block_number AS BlockNumber, block_hash AS BlockHash, status_reason AS StatusReason, owners AS Owners,
        rejects_safe_tx_hash AS RejectsSafeTxHash, cancel_allocations AS CancelAllocations,
        created_at AS CreatedAt, updated_at AS UpdatedAt
        """;

    public static Task<TransactionRow?> FindAsync(DbConnection connection, DbTransaction? transaction, string safeTxHash) =>
        connection.QuerySingleOrDefaultAsync<TransactionRow?>(
            $"SELECT {Columns} FROM safe_transactions WHERE safe_tx_hash = @safeTxHash", new { safeTxHash }, transaction);

    public static async Task<IReadOnlyList<TransactionRow>> ListAsync(
        DbConnection connection, DbTransaction? transaction, IEnumerable<TransactionStatus>? statuses)
    {
        var filter = statuses is null ? "" : $"WHERE status IN {SqlLists.Names(statuses)}";
        var rows = await connection.QueryAsync<TransactionRow>(
            $"SELECT {Columns} FROM safe_transactions {filter} ORDER BY nonce DESC, created_at DESC", transaction: transaction);
        return rows.ToList();
    }

    /// <summary>Payments of the given transactions, in batch order.</summary>
    public static async Task<IReadOnlyList<PaymentLine>> PaymentsAsync(
        DbConnection connection, DbTransaction? transaction, IReadOnlyCollection<string> safeTxHashes)
    {
        if (safeTxHashes.Count == 0)
        {
            return [];
        }

        var parameters = new DynamicParameters();
        var rows = await connection.QueryAsync<PaymentLine>(
            $"""
            SELECT ta.safe_tx_hash AS SafeTxHash, ta.allocation_id AS AllocationId, ta.position AS Position,
                   ta.recipient AS DraftRecipient, ta.token AS DraftToken, ta.amount AS DraftAmount,
                   a.period AS Period, a.project AS Project, a.recipient AS Recipient, a.token AS Token, a.amount AS Amount,
                   a.status AS AllocationStatus, a.approval_ref AS ApprovalRef
            FROM transaction_allocations ta JOIN allocations a ON a.id = ta.allocation_id
            WHERE ta.safe_tx_hash IN {SqlLists.Values(parameters, "hash", safeTxHashes)} ORDER BY ta.safe_tx_hash, ta.position
            """,
            parameters, transaction);
        return rows.ToList();
    }

    public static async Task<IReadOnlyList<SignatureRow>> SignaturesAsync(
        DbConnection connection, DbTransaction? transaction, IReadOnlyCollection<string> safeTxHashes)
    {
        if (safeTxHashes.Count == 0)
        {
            return [];
        }

        var parameters = new DynamicParameters();
        var rows = await connection.QueryAsync<SignatureRow>(
            $"""
            SELECT safe_tx_hash AS SafeTxHash, owner AS Owner, signature_type AS SignatureType, signature AS Signature,
                   source AS Source, chain_tx_hash AS ChainTxHash, chain_block_number AS ChainBlockNumber, created_at AS CreatedAt
            FROM transaction_signatures WHERE safe_tx_hash IN {SqlLists.Values(parameters, "hash", safeTxHashes)}
            ORDER BY safe_tx_hash, created_at, owner
            """,
            parameters, transaction);
        return rows.ToList();
    }

    /// <summary>
    /// The newest rejection of each of <paramref name="safeTxHashes"/> that has one (original → rejection SafeTx hash).
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, string>> RejectionsOfAsync(
        DbConnection connection, DbTransaction? transaction, IReadOnlyCollection<string> safeTxHashes)
    {
        if (safeTxHashes.Count == 0)
        {
            return new Dictionary<string, string>();
        }

        var parameters = new DynamicParameters();
        var rows = await connection.QueryAsync<(string Original, string Rejection)>(
            $"""
            SELECT rejects_safe_tx_hash, safe_tx_hash FROM safe_transactions
            WHERE rejects_safe_tx_hash IN {SqlLists.Values(parameters, "hash", safeTxHashes)} ORDER BY created_at
            """,
            parameters, transaction);
        var byOriginal = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (original, rejection) in rows)
        {
            byOriginal[original] = rejection;
        }

        return byOriginal;
    }

    /// <summary>
    /// Moves a transaction to <paramref name="to"/> if its status is one <see cref="TransactionTransitions"/> allows
    /// (optionally only from <paramref name="onlyFrom"/>). Returns false, changing nothing, when it is not.
    /// Takes the row lock first (<see cref="TransactionLocks"/>), the same order as every other writer of the row.
    /// </summary>
    public static async Task<bool> TransitionAsync(
        DbTransaction transaction, string safeTxHash, TransactionStatus to, string? reason, DateTimeOffset now,
        IEnumerable<TransactionStatus>? onlyFrom = null)
    {
        var from = TransactionTransitions.Sources(to).Where(status => onlyFrom?.Contains(status) ?? true).ToList();
        if (from.Count == 0)
        {
            return false;
        }

        await TransactionLocks.LockAsync(transaction, safeTxHash);
        var changed = await transaction.Connection!.ExecuteAsync(
            $"""
            UPDATE safe_transactions SET status = @to, status_reason = @reason, updated_at = @now
            WHERE safe_tx_hash = @safeTxHash AND status IN {SqlLists.Names(from)}
            """,
            new { safeTxHash, to = to.ToString(), reason, now = LedgerTime.ToStored(now) },
            transaction);
        return changed == 1;
    }

    /// <summary>Sets or clears where the transaction executed (without changing its status).</summary>
    public static Task SetExecutionAsync(
        DbTransaction transaction, string safeTxHash, string? executionTxHash, long? blockNumber, string? blockHash) =>
        transaction.Connection!.ExecuteAsync(
            """
            UPDATE safe_transactions SET execution_tx_hash = @executionTxHash, block_number = @blockNumber, block_hash = @blockHash
            WHERE safe_tx_hash = @safeTxHash
            """,
            new { safeTxHash, executionTxHash, blockNumber, blockHash }, transaction);

    public static Task SetReasonAsync(DbTransaction transaction, string safeTxHash, string? reason, DateTimeOffset now) =>
        transaction.Connection!.ExecuteAsync(
            "UPDATE safe_transactions SET status_reason = @reason, updated_at = @now WHERE safe_tx_hash = @safeTxHash",
            new { safeTxHash, reason, now = LedgerTime.ToStored(now) }, transaction);

    public static Task SetOwnersAsync(DbTransaction transaction, string safeTxHash, IReadOnlyList<string> owners, int threshold) =>
        transaction.Connection!.ExecuteAsync(
            "UPDATE safe_transactions SET owners = @owners, threshold = @threshold WHERE safe_tx_hash = @safeTxHash",
            new { safeTxHash, owners = OwnerList.ToJson(owners), threshold }, transaction);
}
