namespace OssFunding.Pipeline.Transactions;

/// <summary>Safe transaction lifecycle (SPEC §5). Names are stored in <c>safe_transactions.status</c> and are part of the API.</summary>
public enum TransactionStatus
{
    Drafted,
    AwaitingSignatures,
    ReadyToExecute,
    Executed,
    Confirmed,
    Failed,
    Superseded,
    Cancelled,

    /// <summary>
    /// The operator cancelled it after owners could have signed it: an on-chain rejection at its nonce waits for the
    /// owners' signatures. Ends Cancelled when the rejection executes, or Executed if its own signatures are used first.
    /// </summary>
    Cancelling,
}

public static class TransactionStatuses
{
    /// <summary>Can still, or already did, move funds: holds its allocations and its nonce (the schema's live indexes).</summary>
    public static readonly IReadOnlyList<TransactionStatus> Live =
    [
        TransactionStatus.Drafted, TransactionStatus.AwaitingSignatures, TransactionStatus.ReadyToExecute,
        TransactionStatus.Cancelling, TransactionStatus.Executed, TransactionStatus.Confirmed,
    ];

    /// <summary>
    /// Live and not yet seen on chain: its payments still need the Safe's balance (a Cancelling transaction's too: its
    /// signatures may still execute it).
    /// </summary>
    public static readonly IReadOnlyList<TransactionStatus> Pending =
    [
        TransactionStatus.Drafted, TransactionStatus.AwaitingSignatures, TransactionStatus.ReadyToExecute, TransactionStatus.Cancelling,
    ];

    /// <summary>Statuses an operator cancel applies to: not yet seen on chain, not already being cancelled.</summary>
    public static readonly IReadOnlyList<TransactionStatus> Cancellable =
    [
        TransactionStatus.Drafted, TransactionStatus.AwaitingSignatures, TransactionStatus.ReadyToExecute,
    ];

    /// <summary>Statuses in which owners' signatures are accepted.</summary>
    public static readonly IReadOnlyList<TransactionStatus> Collecting =
    [
        TransactionStatus.AwaitingSignatures, TransactionStatus.ReadyToExecute,
    ];

    internal static string[] Names(IEnumerable<TransactionStatus> statuses) => statuses.Select(s => s.ToString()).ToArray();
}
