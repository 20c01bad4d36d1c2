using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace OssFunding.Pipeline.Transactions;

/// <summary>
/// The transaction resource of SPEC §7 (<c>GET /api/transactions[/{safeTxHash}]</c>). Serialize camelCase; amounts are
/// decimal strings in token units; <see cref="TypedData"/> is the <c>eth_signTypedData_v4</c> object owners sign.
/// </summary>
public sealed record TransactionView(
    string SafeTxHash,
    string Safe,
    long ChainId,
    long Nonce,
    [property: JsonConverter(typeof(JsonStringEnumConverter<TransactionStatus>))] TransactionStatus Status,
    string? StatusReason,
    string To,
    string Value,
    string Data,
    int Operation,
    int Threshold,
    string SafeVersion,
    IReadOnlyList<TransactionPaymentView> Payments,
    IReadOnlyList<TransactionTotalView> Totals,
    IReadOnlyList<SignatureView> Signatures,
    IReadOnlyList<string> MissingOwners,
    JsonObject TypedData,
    string? ExecutionTxHash,
    long? BlockNumber,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>On an operator's rejection: the SafeTx hash of the transaction it cancels (SPEC §5).</summary>
    public string? Rejects { get; init; }

    /// <summary>On a transaction the operator cancelled on chain: the SafeTx hash of its rejection.</summary>
    public string? RejectedBy { get; init; }
}

/// <summary>One payment of a transaction, in batch order.</summary>
public sealed record TransactionPaymentView(string AllocationId, string Project, string Recipient, string Token, string Amount);

/// <summary>Sum of a transaction's payments in one token.</summary>
public sealed record TransactionTotalView(string Token, string Amount);

/// <summary>An owner's signature as stored: <see cref="Type"/> is Eip712, EthSign, ApprovedHash or Eip1271.</summary>
public sealed record SignatureView(string Owner, string Type, string Signature, string Source, DateTimeOffset CreatedAt);

/// <summary>
/// The payment resource of SPEC §7 (<c>GET /api/payments?period=YYYY-MM</c>): a payment recorded from a final
/// Transfer log.
/// </summary>
public sealed record PaymentView(
    string AllocationId,
    string Period,
    string Project,
    string Recipient,
    string Token,
    string Amount,
    string TxHash,
    long BlockNumber,
    long LogIndex,
    string SafeTxHash,
    DateTimeOffset RecordedAt);
