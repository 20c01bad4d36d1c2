using System.Data.Common;
using OssFunding.Core.Allocations;
using OssFunding.Core.Ledger;

namespace OssFunding.Core.Budget;

/// <summary>
/// Refuses additions that would take a (cycle, category, token) over its cap. Must run inside the write
/// transaction that inserts them, after <see cref="Storage.LedgerDatabase.LockBudgetAsync"/>.
/// </summary>
internal sealed class BudgetGuard(BudgetPlan plan)
{
    public async Task<IReadOnlyList<ImportError>> CheckAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<AllocationRecord> additions)
    {
        var errors = new List<ImportError>();
        var groups = additions.GroupBy(record => (record.Cycle, record.Category, record.Token)).OrderBy(group => group.Key);
        foreach (var group in groups)
        {
            var (cycleName, category, token) = group.Key;
            var cycle = plan.Cycles.First(candidate => candidate.Name == cycleName);
            var cap = cycle.Caps[(category, token)];
            var use = await BudgetUse.ReadAsync(connection, transaction, cycle, category, token);
            var used = use.TryGetValue((category, token), out var totals) ? totals.Allocated : 0m;
            var requested = ExactDecimal.Sum(group.Select(record => record.Amount));
            var total = ExactDecimal.Add(used, requested);
            if (total > cap)
            {
                errors.Add(new ImportError(0, "amount",
                    $"budget exceeded for {category} {token} in cycle {cycle.Name}: cap {Text(cap)}, used {Text(used)}, " +
                    $"requested {Text(requested)} ({Text(total - cap)} over; lines {Lines(group)})"));
            }
        }

        return errors;
    }

    private static string Text(decimal value) => ExactDecimal.ToCanonical(value);

    private static string Lines(IEnumerable<AllocationRecord> records)
    {
        var lines = records.Select(record => record.Source?.Line ?? 0).Order().ToList();
        return lines.Count <= 10 ? string.Join(", ", lines) : $"{string.Join(", ", lines.Take(10))} and {lines.Count - 10} more";
    }
}
