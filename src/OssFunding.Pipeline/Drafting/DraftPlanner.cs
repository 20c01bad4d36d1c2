using System.Numerics;

namespace OssFunding.Pipeline.Drafting;

/// <summary>An allocation that is due, with its amount in the token's base units.</summary>
internal sealed record DueAllocation(string Id, string Period, string Project, string Recipient, string Token, decimal Amount, BigInteger BaseUnits);

/// <summary>Which due allocations go into the next transaction, and which are held for lack of balance.</summary>
internal sealed record DraftPlan(IReadOnlyList<DueAllocation> Included, IReadOnlyDictionary<string, IReadOnlyList<DueAllocation>> HeldByToken);

/// <summary>
/// Chooses the batch, deterministically: due allocations in (period, id) order, at most <c>maxPayments</c>. Per token,
/// payments are taken while the Safe's available balance covers them; from the first that does not fit, that token's
/// remaining allocations are held (never paying a later allocation of a token before an earlier one).
/// </summary>
internal static class DraftPlanner
{
    public static DraftPlan Plan(IReadOnlyList<DueAllocation> due, int maxPayments, IReadOnlyDictionary<string, BigInteger> available)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPayments, 1);
        var included = new List<DueAllocation>();
        var held = new Dictionary<string, List<DueAllocation>>(StringComparer.Ordinal);
        var spent = new Dictionary<string, BigInteger>(StringComparer.Ordinal);
        foreach (var allocation in due)
        {
            if (held.TryGetValue(allocation.Token, out var heldForToken))
            {
                heldForToken.Add(allocation);
                continue;
            }

            var after = spent.GetValueOrDefault(allocation.Token) + allocation.BaseUnits;
            if (after > available.GetValueOrDefault(allocation.Token))
            {
                held[allocation.Token] = [allocation];
                continue;
            }

            if (included.Count < maxPayments)
            {
                included.Add(allocation);
                spent[allocation.Token] = after;
            }
        }

        return new DraftPlan(included, held.ToDictionary(pair => pair.Key, pair => (IReadOnlyList<DueAllocation>)pair.Value, StringComparer.Ordinal));
    }
}
