using OssFunding.Pipeline.Transactions;

namespace OssFunding.Pipeline.Cancellation;

/// <summary>What an operator cancel did (SPEC §5); each maps to an HTTP status (<see cref="CancelOutcome.StatusCode"/>).</summary>
public enum CancelResult
{
    /// <summary>Nobody had seen or signed it: Cancelled at once, allocations handled as asked (200).</summary>
    Cancelled,

    /// <summary>It was already Cancelled; nothing changed (200).</summary>
    AlreadyCancelled,

    /// <summary>Owners may hold signatures for it: the on-chain rejection at its nonce was drafted, it is Cancelling (202).</summary>
    RejectionDrafted,

    /// <summary>It is already Cancelling with the same choice for its allocations; the existing rejection is returned (202).</summary>
    AlreadyCancelling,

    /// <summary>Not a SafeTx hash (400).</summary>
    Malformed,

    /// <summary>No transaction with this SafeTx hash (404).</summary>
    NotFound,

    /// <summary>Executed, final, superseded, a rejection itself, or its nonce already used on chain (409).</summary>
    NotCancellable,

    /// <summary>Another writer changed it meanwhile (a signature, another cancel); nothing was written, try again (409).</summary>
    LostRace,
}

/// <param name="Transaction">The cancelled transaction after the call, when it exists.</param>
/// <param name="Rejection">The on-chain rejection owners are asked to sign, when one was drafted.</param>
public sealed record CancelOutcome(CancelResult Result, string Message, TransactionView? Transaction, TransactionView? Rejection)
{
    public int StatusCode => Result switch
    {
        CancelResult.Cancelled or CancelResult.AlreadyCancelled => 200,
        CancelResult.RejectionDrafted or CancelResult.AlreadyCancelling => 202,
        CancelResult.Malformed => 400,
        CancelResult.NotFound => 404,
        _ => 409,
    };

    public bool IsSuccess => StatusCode is 200 or 202;

    internal static CancelOutcome Refused(CancelResult result, string message, TransactionView? transaction = null) =>
        new(result, message, transaction, null);
}
