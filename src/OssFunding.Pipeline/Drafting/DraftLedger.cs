using OssFunding.Core.Allocations;
using OssFunding.Core.Storage;
using System.Data.Common;
using Dapper;
using OssFunding.Core.Ledger;
using OssFunding.Pipeline.Transactions;

namespace OssFunding.Pipeline.Drafting;

/// <summary>The drafter's SQL: what is due, what live transactions hold, and the insert of a new transaction.</summary>
internal static class DraftLedger
{
    /// <summary>Approved allocations of <paramref name="currentPeriod"/> or earlier that no live transaction holds, in (period, id) order.</summary>
    public static async Task<IReadOnlyList<DueRow>> DueAsync(DbConnection connection, DbTransaction? transaction, string currentPeriod)
    {
        var rows = await connection.QueryAsync<DueRow>(
            $"""
            SELECT a.id AS Id, a.period AS Period, a.project AS Project, a.recipient AS Recipient, a.token AS Token, a.amount AS Amount
            FROM allocations a
            WHERE a.status = 'Approved' AND a.period <= @currentPeriod
              AND NOT EXISTS (SELECT 1 FROM transaction_allocations ta
                              WHERE ta.allocation_id = a.id AND ta.tx_status IN {SqlLists.Names(TransactionStatuses.Live)})
            ORDER BY a.period, a.id
            """,
            new { currentPeriod }, transaction);
        return rows.ToList();
    }

    /// <summary>Transactions that still wait to execute: how many, their highest nonce, and the amounts they will pay per token.</summary>
    public static async Task<PendingSummary> PendingAsync(DbConnection connection, DbTransaction? transaction)
    {
        var pending = SqlLists.Names(TransactionStatuses.Pending);
        var count = await connection.ExecuteScalarAsync<long>(
            $"SELECT COUNT(*) FROM safe_transactions WHERE status IN {pending}", transaction: transaction);
        var maxNonce = await connection.ExecuteScalarAsync<long?>(
            $"SELECT MAX(nonce) FROM safe_transactions WHERE status IN {SqlLists.Names([.. TransactionStatuses.Pending, TransactionStatus.Executed])}",
            transaction: transaction);
        var amounts = await connection.QueryAsync<(string Token, string Amount)>(
            $"SELECT token, amount FROM transaction_allocations WHERE tx_status IN {pending}", transaction: transaction);
        var reserved = amounts.GroupBy(row => row.Token, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => ExactDecimal.Sum(group.Select(row => ExactDecimal.FromStored(row.Amount))), StringComparer.Ordinal);
        return new PendingSummary((int)count, maxNonce, reserved);
    }

    /// <summary>Serializes drafters until the transaction ends (PostgreSQL; SQLite's BEGIN IMMEDIATE already does).</summary>
    public static Task LockAsync(DbTransaction transaction) =>
        transaction.Connection!.ExecuteAsync("UPDATE pipeline_locks SET version = version + 1 WHERE name = 'drafter'", transaction: transaction);

    /// <summary>Approved → Queued for exactly these allocations; returns how many moved.</summary>
    public static Task<int> QueueAsync(DbTransaction transaction, IReadOnlyCollection<string> ids) =>
        AllocationMoves.MoveAsync(transaction, AllocationStatus.Approved, AllocationStatus.Queued, new AllocationSelection.Ids(ids));

    public static async Task InsertAsync(
        DbTransaction transaction, NewTransaction draft, IReadOnlyList<DueAllocation> payments, DateTimeOffset now)
    {
        var connection = transaction.Connection!;
        var tx = draft.Built.Transaction;
        var at = LedgerTime.ToStored(now);
        var status = draft.Status.ToString();
        await connection.ExecuteAsync(
            """
            INSERT INTO safe_transactions (safe_tx_hash, safe, chain_id, nonce, status, to_address, value, data, operation,
                safe_tx_gas, base_gas, gas_price, gas_token, refund_receiver, safe_version, threshold, typed_data, owners,
                rejects_safe_tx_hash, created_at, updated_at)
            VALUES (@SafeTxHash, @Safe, @ChainId, @Nonce, @Status, @To, @Value, @Data, @Operation, @SafeTxGas, @BaseGas,
                @GasPrice, @GasToken, @RefundReceiver, @SafeVersion, @Threshold, @TypedData, @Owners, @RejectsSafeTxHash, @At, @At)
            """,
            new
            {
                draft.Built.SafeTxHash, draft.Safe, draft.ChainId, Nonce = (long)tx.Nonce, Status = status, tx.To,
                Value = Decimal(tx.Value), Data = tx.DataHex,
                Operation = (int)tx.Operation, SafeTxGas = Decimal(tx.SafeTxGas), BaseGas = Decimal(tx.BaseGas),
                GasPrice = Decimal(tx.GasPrice), tx.GasToken, tx.RefundReceiver,
                draft.SafeVersion, draft.Threshold, TypedData = draft.Built.TypedDataJson, Owners = OwnerList.ToJson(draft.Owners),
                draft.RejectsSafeTxHash, At = at,
            },
            transaction);
        await InsertPaymentsAsync(transaction, draft, payments);
    }

    /// <summary>
    /// Drafting exactly the payments of a transaction the operator cancelled at once, at the same nonce, is the same Safe
    /// transaction (same SafeTx hash): that row is drafted again instead of inserted. Only a row nobody signed or was
    /// proposed (a rejection-cancelled row's nonce is used on chain, so it never comes back). Returns false when there is none.
    /// </summary>
    public static async Task<bool> TryRedraftCancelledAsync(
        DbTransaction transaction, NewTransaction draft, IReadOnlyList<DueAllocation> payments, DateTimeOffset now)
    {
        var connection = transaction.Connection!;
        var hash = draft.Built.SafeTxHash;
        var changed = await connection.ExecuteAsync(
            """
            UPDATE safe_transactions
            SET status = @Status, status_reason = 'Drafted again with the same payments at the same nonce after an operator cancel.',
                cancel_allocations = 0, proposal_attempted_at = NULL, owners = @Owners, threshold = @Threshold,
                safe_version = @SafeVersion, updated_at = @At
            WHERE safe_tx_hash = @hash AND status = 'Cancelled' AND rejects_safe_tx_hash IS NULL
              AND NOT EXISTS (SELECT 1 FROM transaction_signatures s WHERE s.safe_tx_hash = @hash)
              AND NOT EXISTS (SELECT 1 FROM service_proposals p WHERE p.safe_tx_hash = @hash)
            """,
            new
            {
                hash, Status = draft.Status.ToString(), Owners = OwnerList.ToJson(draft.Owners), draft.Threshold, draft.SafeVersion,
                At = LedgerTime.ToStored(now),
            },
            transaction);
        if (changed == 0)
        {
            return false;
        }

        // The same calldata may come from other allocations (same recipient, token and amount): link the current ones.
        await connection.ExecuteAsync("DELETE FROM transaction_allocations WHERE safe_tx_hash = @hash", new { hash }, transaction);
        await InsertPaymentsAsync(transaction, draft, payments);
        return true;
    }

    private static async Task InsertPaymentsAsync(DbTransaction transaction, NewTransaction draft, IReadOnlyList<DueAllocation> payments)
    {
        var connection = transaction.Connection!;
        var status = draft.Status.ToString();
        if (payments.Count == 0)
        {
            return;
        }

        await connection.ExecuteAsync(
            """
            INSERT INTO transaction_allocations (safe_tx_hash, tx_status, allocation_id, position, recipient, token, amount)
            VALUES (@SafeTxHash, @Status, @AllocationId, @Position, @Recipient, @Token, @Amount)
            """,
            payments.Select((payment, position) => new
            {
                draft.Built.SafeTxHash, Status = status, AllocationId = payment.Id, Position = position, payment.Recipient,
                payment.Token, Amount = ExactDecimal.ToCanonical(payment.Amount),
            }),
            transaction);
    }

    private static string Decimal(System.Numerics.BigInteger value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    internal sealed record DueRow(string Id, string Period, string Project, string Recipient, string Token, string Amount);

    internal sealed record PendingSummary(int Count, long? MaxNonce, IReadOnlyDictionary<string, decimal> ReservedByToken);
}

/// <summary>
/// Everything the drafter persists about a new transaction besides its payments; <see cref="RejectsSafeTxHash"/> names the
/// transaction an operator's rejection cancels.
/// </summary>
internal sealed record NewTransaction(
    BuiltTransaction Built, string Safe, long ChainId, TransactionStatus Status, string SafeVersion, int Threshold, IReadOnlyList<string> Owners,
    string? RejectsSafeTxHash = null);
