namespace OssFunding.Reports.Model;

/// <summary>
/// One month of the treasury, built from the ledger only (same ledger, same report). Amounts are exact decimals in
/// token units; dates are UTC. Payments belong to the month of their block's timestamp (off-chain: of their date).
/// The JSON form is described by docs/report-schema.json.
/// </summary>
public sealed record MonthlyReport(
    int SchemaVersion,
    string Kind,
    string Period,
    string Cycle,
    ReportChain Chain,
    IReadOnlyList<BudgetLineRow> Budget,
    IReadOnlyList<OnChainPaymentRow> Payments,
    IReadOnlyList<OffChainPaymentRow> OffChainPayments,
    IReadOnlyList<PendingAllocationRow> PendingAllocations,
    IReadOnlyList<CancelledAllocationRow> CancelledAllocations,
    IReadOnlyList<UnplannedOutflowRow> UnplannedOutflows,
    SafeSnapshotView? SafeSnapshot,
    IReadOnlyList<TokenTotalsRow> Totals,
    VerificationSummary Verification)
{
    public const int CurrentSchemaVersion = 1;
    public const string MonthlyKind = "monthly";
}

/// <summary>A (category, token) cap of the cycle, used by allocations of the cycle's months up to the report's month.</summary>
/// <param name="Paid">Paid on or off chain by the end of the report's month.</param>
/// <param name="PercentUsed">Allocated / cap × 100, rounded half away from zero to 2 decimals; null for a zero cap.</param>
public sealed record BudgetLineRow(
    string Category, string Token, decimal Cap, decimal Allocated, decimal Paid, decimal Remaining, decimal? PercentUsed);

public sealed record OnChainPaymentRow(
    string PaymentId,
    string Date,
    string BlockTime,
    string AllocationId,
    string AllocationPeriod,
    string Project,
    string Category,
    string Recipient,
    decimal Amount,
    string Token,
    decimal? FiatAmount,
    string? FiatCurrency,
    string ApprovalRef,
    string TxHash,
    string ExplorerUrl,
    long BlockNumber,
    string BlockHash,
    long LogIndex,
    string? SafeTxHash,
    PaymentVerification Verification);

public sealed record OffChainPaymentRow(
    string PaymentId,
    string Date,
    string AllocationId,
    string AllocationPeriod,
    string Project,
    string Category,
    string Recipient,
    decimal Amount,
    string Token,
    decimal? FiatAmount,
    string? FiatCurrency,
    string ApprovalRef,
    string Reference,
    string EvidenceUrl);

/// <summary>An allocation of the cycle, due by the report's month, not paid by its end.</summary>
/// <param name="Status">Status in the ledger now (a row paid after the month shows Paid with <paramref name="PaidOn"/>).</param>
public sealed record PendingAllocationRow(
    string AllocationId,
    string Period,
    string Project,
    string Category,
    string Recipient,
    decimal Amount,
    string Token,
    decimal? FiatAmount,
    string? FiatCurrency,
    string ApprovalRef,
    string Status,
    string? PaidOn);

/// <summary>An allocation of the report's month that was cancelled.</summary>
public sealed record CancelledAllocationRow(
    string AllocationId,
    string Period,
    string Project,
    string Category,
    string Recipient,
    decimal Amount,
    string Token,
    string ApprovalRef,
    string CancelledOn,
    string Reason);

/// <summary>A token transfer out of the Safe that matched no allocation.</summary>
/// <param name="Token">The configured symbol, or the contract address for a token the worker does not know.</param>
/// <param name="Amount">Token units for a configured token; base units (the raw uint256) otherwise.</param>
public sealed record UnplannedOutflowRow(
    string Date,
    string BlockTime,
    string TxHash,
    string ExplorerUrl,
    long BlockNumber,
    long LogIndex,
    string Token,
    string TokenAddress,
    string To,
    string Amount);

/// <summary>The Safe as read from the chain at one final block; see <see cref="Source"/>.</summary>
/// <param name="IsMonthEnd">True: the last block of the month. False: the newest final block of a month not yet over.</param>
public sealed record SafeSnapshotView(
    bool IsMonthEnd,
    long BlockNumber,
    string BlockHash,
    string BlockTime,
    IReadOnlyList<string> Owners,
    int Threshold,
    IReadOnlyList<TokenBalanceRow> Balances,
    string Source);

public sealed record TokenBalanceRow(string Token, string TokenAddress, decimal Balance);

/// <summary>Per token: what the month's payments moved, and what left the Safe unplanned.</summary>
public sealed record TokenTotalsRow(string Token, decimal PaidOnChain, decimal PaidOffChain, decimal UnplannedOutflow, int Payments);
