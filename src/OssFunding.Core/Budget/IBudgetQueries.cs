namespace OssFunding.Core.Budget;

/// <summary>Use of one (cycle, category, token) cap. Allocated counts every non-cancelled allocation.</summary>
public sealed record BudgetLine(string Cycle, string Category, string Token, decimal Cap, decimal Allocated, decimal Paid)
{
    public decimal Remaining => Cap - Allocated;
}

public interface IBudgetQueries
{
    Task<IReadOnlyList<BudgetLine>> GetUsageAsync(string? cycle, CancellationToken cancellationToken);
}
