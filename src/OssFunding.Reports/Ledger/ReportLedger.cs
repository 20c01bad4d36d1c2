using System.Data.Common;
using Dapper;

namespace OssFunding.Reports.Ledger;

/// <summary>
/// The reports' reads of the ledger. Everything a report shows comes from these queries, in a stable order, so the same
/// ledger always gives the same report. Filtering by month happens in the builders (times are parsed there).
/// </summary>
internal static class ReportLedger
{
    public static async Task<IReadOnlyList<PaymentFact>> OnChainPaymentsAsync(DbConnection connection) =>
        (await connection.QueryAsync<PaymentFact>(
            """
            SELECT p.id AS Id, p.allocation_id AS AllocationId, p.token AS Token, p.recipient AS Recipient, p.amount AS Amount,
                   p.safe_tx_hash AS SafeTxHash, p.tx_hash AS TxHash, p.block_number AS BlockNumber, p.block_hash AS BlockHash,
                   p.log_index AS LogIndex, a.period AS Period, a.project AS Project, a.category AS Category,
                   a.approval_ref AS ApprovalRef, a.fiat_amount AS FiatAmount, a.fiat_currency AS FiatCurrency,
                   b.timestamp_utc AS BlockTime, v.verdict AS Verdict, v.detail AS VerdictDetail, v.checked_at_block AS CheckedAtBlock
            FROM payments p
            JOIN allocations a ON a.id = p.allocation_id
            LEFT JOIN block_timestamps b ON b.block_hash = p.block_hash
            LEFT JOIN payment_verifications v ON v.payment_id = p.id
            WHERE p.kind = 'OnChain'
            ORDER BY p.block_number, p.log_index, p.id
            """)).ToList();

    public static async Task<IReadOnlyList<OffChainFact>> OffChainPaymentsAsync(DbConnection connection) =>
        (await connection.QueryAsync<OffChainFact>(
            """
            SELECT p.id AS Id, p.allocation_id AS AllocationId, p.token AS Token, p.recipient AS Recipient, p.amount AS Amount,
                   p.off_chain_reference AS Reference, p.recorded_at AS RecordedAt, a.period AS Period, a.project AS Project,
                   a.category AS Category, a.approval_ref AS ApprovalRef, a.fiat_amount AS FiatAmount,
                   a.fiat_currency AS FiatCurrency, d.evidence_url AS EvidenceUrl, d.paid_on AS PaidOn
            FROM payments p
            JOIN allocations a ON a.id = p.allocation_id
            LEFT JOIN off_chain_payment_details d ON d.payment_id = p.id
            WHERE p.kind = 'OffChain'
            ORDER BY p.allocation_id
            """)).ToList();

    /// <summary>Allocations of the periods <paramref name="first"/>..<paramref name="last"/>, with their payment if any.</summary>
    public static async Task<IReadOnlyList<AllocationFact>> AllocationsAsync(DbConnection connection, string first, string last) =>
        (await connection.QueryAsync<AllocationFact>(
            """
            SELECT a.id AS Id, a.period AS Period, a.project AS Project, a.category AS Category, a.recipient AS Recipient,
                   a.token AS Token, a.amount AS Amount, a.approval_ref AS ApprovalRef, a.fiat_amount AS FiatAmount,
                   a.fiat_currency AS FiatCurrency, a.status AS Status, a.cancelled_at AS CancelledAt,
                   a.cancel_reason AS CancelReason, p.kind AS PaymentKind, b.timestamp_utc AS BlockTime, d.paid_on AS PaidOn,
                   p.recorded_at AS PaymentRecordedAt, p.id AS PaymentId
            FROM allocations a
            LEFT JOIN payments p ON p.allocation_id = a.id
            LEFT JOIN block_timestamps b ON b.block_hash = p.block_hash
            LEFT JOIN off_chain_payment_details d ON d.payment_id = p.id
            WHERE a.period >= @first AND a.period <= @last
            ORDER BY a.period, a.id
            """,
            new { first, last })).ToList();

    public static async Task<IReadOnlyList<UnplannedFact>> UnplannedOutflowsAsync(DbConnection connection, string safe) =>
        (await connection.QueryAsync<UnplannedFact>(
            """
            SELECT u.tx_hash AS TxHash, u.log_index AS LogIndex, u.block_number AS BlockNumber, u.block_hash AS BlockHash,
                   u.token AS Token, u.to_address AS ToAddress, u.amount AS Amount, b.timestamp_utc AS BlockTime
            FROM unplanned_outflows u
            LEFT JOIN block_timestamps b ON b.block_hash = u.block_hash
            WHERE u.safe = @safe
            ORDER BY u.block_number, u.log_index
            """,
            new { safe })).ToList();

    public static async Task<(SnapshotFact Snapshot, IReadOnlyList<SnapshotBalanceFact> Balances)?> SnapshotAsync(
        DbConnection connection, string safe, string period)
    {
        var snapshot = await connection.QuerySingleOrDefaultAsync<SnapshotFact>(
            """
            SELECT period AS Period, block_number AS BlockNumber, block_hash AS BlockHash, block_time AS BlockTime,
                   is_month_end AS IsMonthEnd, owners AS Owners, threshold AS Threshold
            FROM safe_snapshots WHERE safe = @safe AND period = @period
            """,
            new { safe, period });
        if (snapshot is null)
        {
            return null;
        }

        var balances = await connection.QueryAsync<SnapshotBalanceFact>(
            """
            SELECT token AS Token, token_address AS TokenAddress, balance AS Balance
            FROM safe_snapshot_balances WHERE safe = @safe AND period = @period ORDER BY token
            """,
            new { safe, period });
        return (snapshot, balances.ToList());
    }
}
