using OssFunding.Core.Storage;

namespace OssFunding.Core.Budget;

/// <summary>Cap, allocated and paid per configured (cycle, category, token).</summary>
internal sealed class BudgetQueries(LedgerDatabase database, BudgetPlan plan) : IBudgetQueries
{
    public async Task<IReadOnlyList<BudgetLine>> GetUsageAsync(string? cycle, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var lines = new List<BudgetLine>();
        foreach (var budgetCycle in plan.Cycles.Where(candidate => cycle is null || candidate.Name == cycle))
        {
            var use = await BudgetUse.ReadAsync(connection, null, budgetCycle);
            lines.AddRange(budgetCycle.Caps
                .OrderBy(cap => cap.Key.Category, StringComparer.Ordinal).ThenBy(cap => cap.Key.Token, StringComparer.Ordinal)
                .Select(cap =>
                {
                    var totals = use.GetValueOrDefault(cap.Key) ?? new BudgetUse.Totals(0m, 0m);
                    return new BudgetLine(budgetCycle.Name, cap.Key.Category, cap.Key.Token, cap.Value, totals.Allocated, totals.Paid);
                }));
        }

        return lines;
    }
}
