using System.Data.Common;
using Dapper;
using OssFunding.Core.Allocations;
using OssFunding.Core.Ledger;

namespace OssFunding.Core.Budget;

/// <summary>Reads what a cycle's allocations use, summed exactly in C# (the database holds decimal text).</summary>
internal static class BudgetUse
{
    public sealed record Totals(decimal Allocated, decimal Paid);

    /// <summary>Allocated (non-cancelled) and paid (on or off chain) totals per (category, token) of one cycle.</summary>
    public static async Task<IReadOnlyDictionary<(string Category, string Token), Totals>> ReadAsync(
        DbConnection connection, DbTransaction? transaction, BudgetCycle cycle, string? category = null, string? token = null)
    {
        var rows = await connection.QueryAsync<(string Category, string Token, string Status, string Amount)>(
            """
            SELECT category, token, status, amount FROM allocations
            WHERE period >= @first AND period <= @last AND status <> 'Cancelled'
              AND (@category IS NULL OR category = @category) AND (@token IS NULL OR token = @token)
            """,
            new { first = cycle.FirstPeriod, last = cycle.LastPeriod, category, token },
            transaction);
        return rows
            .GroupBy(row => (row.Category, row.Token))
            .ToDictionary(group => group.Key, group => new Totals(
                ExactDecimal.Sum(group.Select(row => ExactDecimal.FromStored(row.Amount))),
                ExactDecimal.Sum(group.Where(row => IsPaid(row.Status)).Select(row => ExactDecimal.FromStored(row.Amount)))));
    }

    private static bool IsPaid(string status) =>
        status is nameof(AllocationStatus.Paid) or nameof(AllocationStatus.PaidOffChain);
}
