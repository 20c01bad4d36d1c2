namespace OssFunding.Reports.Model;

/// <summary>
/// A budget cycle summed up: use of each category against its cap (the 80/5/15 split), totals per project and per
/// month, the reserve left to roll over or return, and how many payments were verified on chain.
/// </summary>
public sealed record AnnualReport(
    int SchemaVersion,
    string Kind,
    string Cycle,
    string FirstPeriod,
    string LastPeriod,
    ReportChain Chain,
    IReadOnlyList<CategoryUseRow> Categories,
    IReadOnlyList<ProjectTotalRow> Projects,
    IReadOnlyList<MonthTotalRow> Months,
    IReadOnlyList<ReserveRow> Reserve,
    VerificationSummary Verification)
{
    public const string AnnualKind = "annual";
}

/// <param name="ShareOfCaps">This cap / all caps of the token × 100 (the configured split), 2 decimals.</param>
/// <param name="ShareOfAllocated">This category's allocations / all allocations of the token × 100; null when none.</param>
public sealed record CategoryUseRow(
    string Category, string Token, decimal Cap, decimal ShareOfCaps, decimal Allocated, decimal? ShareOfAllocated,
    decimal Paid, decimal Remaining, decimal? PercentUsed);

public sealed record ProjectTotalRow(string Project, string Token, decimal PaidOnChain, decimal PaidOffChain, decimal Total, int Payments);

/// <summary>Payments dated in the month (block time, or off-chain date) and unplanned outflows, per token.</summary>
public sealed record MonthTotalRow(string Period, string Token, decimal PaidOnChain, decimal PaidOffChain, decimal UnplannedOutflow, int Payments);

/// <param name="Left">Cap minus allocations of the reserve category: rolled over to the next cycle or returned.</param>
public sealed record ReserveRow(string Token, decimal Cap, decimal Allocated, decimal Paid, decimal Left);
