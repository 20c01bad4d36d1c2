using OssFunding.Pipeline.Transactions;

namespace OssFunding.Pipeline.Signing;

/// <summary>What happened to a posted signature; each maps to an HTTP status of SPEC §7 (<see cref="SignatureOutcome.StatusCode"/>).</summary>
public enum SignatureResult
{
    /// <summary>New signature stored (201).</summary>
    Created,

    /// <summary>
    /// An approved-hash signature (v = 1) that the chain shows but the watcher has not mirrored yet: nothing stored; it
    /// counts once the watcher has seen the block that holds the approval, so that a reorg can undo it (202).
    /// </summary>
    AwaitingChain,

    /// <summary>This owner has already signed; nothing changed (200).</summary>
    AlreadyPresent,

    /// <summary>Not a signature: bad hex, length, v, or an unreadable SafeTx hash (400).</summary>
    Malformed,

    /// <summary>
    /// A well-formed signature that does not authorise this hash: another method, a hash the owner did not approve, a
    /// contract owner refusing it (403, like <see cref="NotOwner"/>: the request is understood, its credential is
    /// insufficient, RFC 9110 §15.5.4; an ECDSA signature over another hash cannot even be told from a stranger's).
    /// </summary>
    WrongHash,

    /// <summary>The signer is not a current owner of the Safe (403).</summary>
    NotOwner,

    /// <summary>No transaction with this SafeTx hash (404).</summary>
    UnknownTx,

    /// <summary>The transaction is not collecting signatures: executed, failed, superseded... (409).</summary>
    NotCollecting,

    /// <summary>The stored transaction no longer matches what its allocations rebuild to; refused and alerted (409).</summary>
    LedgerMismatch,
}

/// <param name="Owner">The owner the signature belongs to, when it could be told.</param>
/// <param name="Transaction">The transaction after the call, when it exists.</param>
public sealed record SignatureOutcome(SignatureResult Result, string Message, string? Owner, TransactionView? Transaction)
{
    public int StatusCode => Result switch
    {
        SignatureResult.Created => 201,
        SignatureResult.AwaitingChain => 202,
        SignatureResult.AlreadyPresent => 200,
        SignatureResult.Malformed => 400,
        SignatureResult.NotOwner or SignatureResult.WrongHash => 403,
        SignatureResult.UnknownTx => 404,
        _ => 409,
    };

    public bool IsSuccess => Result is SignatureResult.Created or SignatureResult.AlreadyPresent or SignatureResult.AwaitingChain;
}
