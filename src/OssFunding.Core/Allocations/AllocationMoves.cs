using System.Data.Common;
using Dapper;
using OssFunding.Core.Ledger;
using OssFunding.Core.Storage;

namespace OssFunding.Core.Allocations;

/// <summary>
/// The allowed moves of an allocation (SPEC §4, §5), as "which statuses may become X". "Never pay twice" reads here:
/// only a Queued allocation (in a live Safe transaction) becomes Paid, it leaves Paid only when a reorg takes the
/// payment back, and it returns to Approved (to be drafted again) only from Queued.
/// </summary>
public static class AllocationTransitions
{
    private static readonly Dictionary<AllocationStatus, AllocationStatus[]> SourcesByTarget = new()
    {
        // The Safe transaction holding it was superseded, failed or cancelled (its rejection executed).
        [AllocationStatus.Approved] = [AllocationStatus.Queued],
        // Drafted into a Safe transaction; or back from Paid when a reorg removes the payment's block.
        [AllocationStatus.Queued] = [AllocationStatus.Approved, AllocationStatus.Paid],
        // Its Transfer log is final.
        [AllocationStatus.Paid] = [AllocationStatus.Queued],
        // Operator cancel of the allocation, or of its Safe transaction with cancelAllocations.
        [AllocationStatus.Cancelled] = [AllocationStatus.Approved, AllocationStatus.Queued],
        // Recorded as paid outside the Safe; never once it is in a Safe transaction.
        [AllocationStatus.PaidOffChain] = [AllocationStatus.Approved],
    };

    public static bool IsAllowed(AllocationStatus from, AllocationStatus to) => SourcesByTarget[to].Contains(from);
}

/// <summary>Which allocations a move applies to (always further narrowed to those in the move's "from" status).</summary>
public abstract record AllocationSelection
{
    internal abstract string Where(DynamicParameters parameters);

    /// <summary>These ids.</summary>
    public sealed record Ids(IReadOnlyCollection<string> Values) : AllocationSelection
    {
        internal override string Where(DynamicParameters parameters) => $"id IN {SqlLists.Values(parameters, "id", Values)}";
    }

    /// <summary>The allocations of one Safe transaction.</summary>
    public sealed record OfTransaction(string SafeTxHash) : AllocationSelection
    {
        internal override string Where(DynamicParameters parameters)
        {
            parameters.Add("safeTxHash", SafeTxHash);
            return "id IN (SELECT allocation_id FROM transaction_allocations WHERE safe_tx_hash = @safeTxHash)";
        }
    }

    /// <summary>Allocations with an on-chain payment in a block after <paramref name="Block"/> (what a reorg to it takes back).</summary>
    public sealed record PaidAfterBlock(long Block) : AllocationSelection
    {
        internal override string Where(DynamicParameters parameters)
        {
            parameters.Add("afterBlock", Block);
            return "id IN (SELECT allocation_id FROM payments WHERE kind = 'OnChain' AND block_number > @afterBlock)";
        }
    }
}

/// <summary>
/// The one place allocation statuses change: every move names its "from" status (the guard that makes it atomic against
/// a concurrent writer) and must be in <see cref="AllocationTransitions"/>. Runs in the caller's transaction, with the
/// state change and notices that go with it.
/// </summary>
public static class AllocationMoves
{
    /// <summary>Moves the selected allocations that are in <paramref name="from"/>; returns how many moved.</summary>
    /// <exception cref="InvalidOperationException">The move is not in the transition table (nothing is written; the task faults).</exception>
    public static async Task<int> MoveAsync(DbTransaction transaction, AllocationStatus from, AllocationStatus to, AllocationSelection which)
    {
        if (to == AllocationStatus.Cancelled)
        {
            throw new InvalidOperationException("A cancellation records its reason: use AllocationMoves.CancelAsync.");
        }

        return await UpdateAsync(transaction, from, to, which, new DynamicParameters(), "");
    }

    /// <summary>Cancels the selected allocations that are in <paramref name="from"/>, recording why and when; returns how many.</summary>
    public static async Task<int> CancelAsync(
        DbTransaction transaction, AllocationStatus from, AllocationSelection which, string reason, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        var parameters = new DynamicParameters(new { reason, at = LedgerTime.ToStored(now) });
        return await UpdateAsync(transaction, from, AllocationStatus.Cancelled, which, parameters, ", cancel_reason = @reason, cancelled_at = @at");
    }

    private static async Task<int> UpdateAsync(
        DbTransaction transaction, AllocationStatus from, AllocationStatus to, AllocationSelection which, DynamicParameters parameters, string alsoSet)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(which);
        if (!AllocationTransitions.IsAllowed(from, to))
        {
            throw new InvalidOperationException($"An allocation never moves from {from} to {to}.");
        }

        parameters.Add("from", from.ToString());
        parameters.Add("to", to.ToString());
        return await transaction.Connection!.ExecuteAsync(
            $"UPDATE allocations SET status = @to{alsoSet} WHERE status = @from AND {which.Where(parameters)}", parameters, transaction);
    }
}
