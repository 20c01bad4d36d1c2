namespace OssFunding.Pipeline.Transactions;

/// <summary>A <c>safe_transactions</c> row. Filled by Dapper by constructor parameter name.</summary>
internal sealed record TransactionRow(
    string SafeTxHash, string Safe, long ChainId, long Nonce, string Status, string ToAddress, string Value, string Data,
    long Operation, string SafeTxGas, string BaseGas, string GasPrice, string GasToken, string RefundReceiver,
    string SafeVersion, long Threshold, string TypedData, string? ExecutionTxHash, long? BlockNumber, string? BlockHash,
    string? StatusReason, string? Owners, string CreatedAt, string UpdatedAt)
{
    public TransactionStatus TransactionStatus => Enum.Parse<TransactionStatus>(Status);
}

/// <summary>
/// A payment of a transaction as the ledger says it should be: what <c>transaction_allocations</c> recorded at draft
/// time (<see cref="DraftRecipient"/>, <see cref="DraftToken"/>, <see cref="DraftAmount"/>) next to the allocation's own
/// current values, which calldata is rebuilt from.
/// </summary>
internal sealed record PaymentLine(
    string SafeTxHash, string AllocationId, long Position, string DraftRecipient, string DraftToken, string DraftAmount,
    string Period, string Project, string Recipient, string Token, string Amount, string AllocationStatus);

/// <summary>A <c>transaction_signatures</c> row.</summary>
internal sealed record SignatureRow(
    string SafeTxHash, string Owner, string SignatureType, string Signature, string Source, string? ChainTxHash,
    long? ChainBlockNumber, string CreatedAt);
