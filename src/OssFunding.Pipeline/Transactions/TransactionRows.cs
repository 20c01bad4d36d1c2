namespace OssFunding.Pipeline.Transactions;

// Rows are filled by Dapper through settable properties (not constructors), so each engine's integer width
// (SQLite INTEGER is 64-bit, PostgreSQL INTEGER 32-bit) converts to the property type.

/// <summary>A <c>safe_transactions</c> row.</summary>
internal sealed record TransactionRow
{
    public string SafeTxHash { get; init; } = "";
    public string Safe { get; init; } = "";
    public long ChainId { get; init; }
    public long Nonce { get; init; }
    public string Status { get; init; } = "";
    public string ToAddress { get; init; } = "";
    public string Value { get; init; } = "";
    public string Data { get; init; } = "";
    public long Operation { get; init; }
    public string SafeTxGas { get; init; } = "";
    public string BaseGas { get; init; } = "";
    public string GasPrice { get; init; } = "";
    public string GasToken { get; init; } = "";
    public string RefundReceiver { get; init; } = "";
    public string SafeVersion { get; init; } = "";
    public long Threshold { get; init; }
    public string TypedData { get; init; } = "";
    public string? ExecutionTxHash { get; init; }
    public long? BlockNumber { get; init; }
    public string? BlockHash { get; init; }
    public string? StatusReason { get; init; }
    public string? Owners { get; init; }
    public string? RejectsSafeTxHash { get; init; }
    public long CancelAllocations { get; init; }
    public string CreatedAt { get; init; } = "";
    public string UpdatedAt { get; init; } = "";

    public TransactionStatus TransactionStatus => Enum.Parse<TransactionStatus>(Status);

    /// <summary>This is the operator's on-chain rejection of another transaction (SPEC §5).</summary>
    public bool IsRejection => RejectsSafeTxHash is not null;
}

/// <summary>
/// A payment of a transaction as the ledger says it should be: what <c>transaction_allocations</c> recorded at draft
/// time (<see cref="DraftRecipient"/>, <see cref="DraftToken"/>, <see cref="DraftAmount"/>) next to the allocation's own
/// current values, which calldata is rebuilt from.
/// </summary>
internal sealed record PaymentLine
{
    public string SafeTxHash { get; init; } = "";
    public string AllocationId { get; init; } = "";
    public long Position { get; init; }
    public string DraftRecipient { get; init; } = "";
    public string DraftToken { get; init; } = "";
    public string DraftAmount { get; init; } = "";
    public string Period { get; init; } = "";
    public string Project { get; init; } = "";
    public string Recipient { get; init; } = "";
    public string Token { get; init; } = "";
    public string Amount { get; init; } = "";
    public string AllocationStatus { get; init; } = "";
    public string? ApprovalRef { get; init; }
}

/// <summary>A <c>transaction_signatures</c> row.</summary>
internal sealed record SignatureRow
{
    public string SafeTxHash { get; init; } = "";
    public string Owner { get; init; } = "";
    public string SignatureType { get; init; } = "";
    public string Signature { get; init; } = "";
    public string Source { get; init; } = "";
    public string? ChainTxHash { get; init; }
    public long? ChainBlockNumber { get; init; }
    public string CreatedAt { get; init; } = "";
}
