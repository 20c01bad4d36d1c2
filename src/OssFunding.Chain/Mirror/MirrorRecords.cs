namespace OssFunding.Chain.Mirror;

/// <summary>
/// A Safe execution seen on chain: <c>ExecutionSuccess</c>/<c>ExecutionFailure</c> (with <see cref="SafeTxHash"/>) or a
/// module execution (with <see cref="Module"/>), with the token transfers out of the Safe that its call made.
/// </summary>
/// <param name="Payment">Refund paid to the executor, in wei (base-10 string); null for module executions.</param>
/// <param name="Nonce">Safe nonce from the L2 singleton's <c>SafeMultiSigTransaction</c> in the same transaction, if any.</param>
/// <param name="IsFinal">The block is at or below the watcher's final block.</param>
public sealed record SafeExecution(
    string? SafeTxHash, bool Success, string? Module, string TxHash, long BlockNumber, string BlockHash, long LogIndex,
    string? Payment, long? Nonce, bool IsFinal, IReadOnlyList<TokenTransfer> Transfers);

/// <summary>An ERC-20 <c>Transfer</c> log with from = the Safe. <see cref="Amount"/> is the raw uint256 as a base-10 string.</summary>
/// <param name="ExecutionLogIndex">Log index of the Safe execution event (same transaction) this transfer belongs to.</param>
public sealed record TokenTransfer(
    string Token, string From, string To, string Amount, string TxHash, long BlockNumber, string BlockHash, long LogIndex,
    long? ExecutionLogIndex, bool IsFinal);

/// <summary><c>AddedOwner</c>, <c>RemovedOwner</c> (with <see cref="Owner"/>) or <c>ChangedThreshold</c> (with <see cref="Threshold"/>).</summary>
public sealed record OwnerChange(
    string Event, string? Owner, long? Threshold, string TxHash, long BlockNumber, long LogIndex, bool IsFinal);

/// <summary>An owner's on-chain <c>approveHash</c>: counts as that owner's signature (v = 1) over <see cref="ApprovedHash"/>.</summary>
public sealed record HashApproval(
    string Owner, string ApprovedHash, string TxHash, long BlockNumber, long LogIndex, bool IsFinal);
