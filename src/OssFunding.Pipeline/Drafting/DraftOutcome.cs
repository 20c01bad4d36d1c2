using OssFunding.Pipeline.Transactions;

namespace OssFunding.Pipeline.Drafting;

public enum DraftResult
{
    /// <summary>A new transaction was persisted (API: 201).</summary>
    Drafted,

    /// <summary>No approved allocation is due (API: 204).</summary>
    NothingDue,

    /// <summary><c>Drafting:MaxLiveTransactions</c> transactions are still waiting to execute (API: 204).</summary>
    LiveLimitReached,

    /// <summary>Everything due is held for lack of Safe balance; a LowBalance alert was raised (API: 204).</summary>
    Held,

    /// <summary>Another drafter queued the same allocations or took the nonce first; nothing was written (API: 409).</summary>
    LostRace,
}

/// <summary>Payments of one token held back because the Safe cannot cover them. Amounts in token units.</summary>
public sealed record HeldToken(
    string Token, string Needed, string Available, string Balance, string ReservedByLiveTransactions, IReadOnlyList<string> AllocationIds);

/// <summary>What one drafter run did, with a reason an operator can act on.</summary>
public sealed record DraftOutcome(DraftResult Result, string Reason, TransactionView? Transaction, IReadOnlyList<HeldToken> Held)
{
    internal static DraftOutcome Nothing(DraftResult result, string reason, IReadOnlyList<HeldToken>? held = null) =>
        new(result, reason, null, held ?? []);
}
