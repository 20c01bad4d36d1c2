namespace OssFunding.Reports.Ledger;

// Rows as the reports read them from the ledger (filled by Dapper by column name). Amounts stay decimal text here and
// are parsed exactly by the builders; times are LedgerTime text.

/// <summary>An on-chain payment with its allocation, its block's time (when recorded) and its last verification.</summary>
internal sealed class PaymentFact
{
    public string Id { get; init; } = "";
    public string AllocationId { get; init; } = "";
    public string Token { get; init; } = "";
    public string Recipient { get; init; } = "";
    public string Amount { get; init; } = "";
    public string? SafeTxHash { get; init; }
    public string TxHash { get; init; } = "";
    public long BlockNumber { get; init; }
    public string BlockHash { get; init; } = "";
    public long LogIndex { get; init; }
    public string Period { get; init; } = "";
    public string Project { get; init; } = "";
    public string Category { get; init; } = "";
    public string ApprovalRef { get; init; } = "";
    public string? FiatAmount { get; init; }
    public string? FiatCurrency { get; init; }
    public string? BlockTime { get; init; }
    public string? Verdict { get; init; }
    public string? VerdictDetail { get; init; }
    public long? CheckedAtBlock { get; init; }
}

/// <summary>An off-chain payment with its allocation and its evidence (date and link), when recorded by this module.</summary>
internal sealed class OffChainFact
{
    public string Id { get; init; } = "";
    public string AllocationId { get; init; } = "";
    public string Token { get; init; } = "";
    public string Recipient { get; init; } = "";
    public string Amount { get; init; } = "";
    public string Reference { get; init; } = "";
    public string RecordedAt { get; init; } = "";
    public string Period { get; init; } = "";
    public string Project { get; init; } = "";
    public string Category { get; init; } = "";
    public string ApprovalRef { get; init; } = "";
    public string? FiatAmount { get; init; }
    public string? FiatCurrency { get; init; }
    public string? EvidenceUrl { get; init; }
    public string? PaidOn { get; init; }
}

/// <summary>An allocation with when it was paid, if it was (block time or off-chain date).</summary>
internal sealed class AllocationFact
{
    public string Id { get; init; } = "";
    public string Period { get; init; } = "";
    public string Project { get; init; } = "";
    public string Category { get; init; } = "";
    public string Recipient { get; init; } = "";
    public string Token { get; init; } = "";
    public string Amount { get; init; } = "";
    public string ApprovalRef { get; init; } = "";
    public string? FiatAmount { get; init; }
    public string? FiatCurrency { get; init; }
    public string Status { get; init; } = "";
    public string? CancelledAt { get; init; }
    public string? CancelReason { get; init; }
    public string? PaymentKind { get; init; }
    public string? BlockTime { get; init; }
    public string? PaidOn { get; init; }
    public string? PaymentRecordedAt { get; init; }
    public string? PaymentId { get; init; }
}

internal sealed class UnplannedFact
{
    public string TxHash { get; init; } = "";
    public long LogIndex { get; init; }
    public long BlockNumber { get; init; }
    public string BlockHash { get; init; } = "";
    public string Token { get; init; } = "";
    public string ToAddress { get; init; } = "";
    public string Amount { get; init; } = "";
    public string? BlockTime { get; init; }
}

internal sealed class SnapshotFact
{
    public string Period { get; init; } = "";
    public long BlockNumber { get; init; }
    public string BlockHash { get; init; } = "";
    public string BlockTime { get; init; } = "";
    public long IsMonthEnd { get; init; }
    public string Owners { get; init; } = "";
    public long Threshold { get; init; }
}

internal sealed class SnapshotBalanceFact
{
    public string Token { get; init; } = "";
    public string TokenAddress { get; init; } = "";
    public string Balance { get; init; } = "";
}
