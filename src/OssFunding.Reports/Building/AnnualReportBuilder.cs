using System.Globalization;
using System.Numerics;
using OssFunding.Core.Budget;
using OssFunding.Core.Storage;
using OssFunding.Reports.Model;

namespace OssFunding.Reports.Building;

/// <summary>
/// Sums up a budget cycle: category use against the caps (allocations of the cycle's months), totals per project
/// (payments of those allocations), totals per month (payments and outflows dated in each month, as in the monthly
/// reports), the reserve left, and the verification status of the cycle's on-chain payments.
/// </summary>
public sealed class AnnualReportBuilder(LedgerDatabase database, BudgetPlan plan, ReportSettings settings)
{
    public const string ReserveCategory = "reserve";

    /// <exception cref="ReportInputException">No configured cycle has this name.</exception>
    public async Task<AnnualReport> BuildAsync(string cycleName, CancellationToken cancellationToken)
    {
        var cycle = plan.Cycles.FirstOrDefault(c => c.Name == cycleName) ?? throw new ReportInputException(
            $"No budget cycle is named '{cycleName}': the configured cycles are {MonthlyReportBuilder.CycleList(plan)}.");
        var facts = await ReportFacts.LoadAsync(database, settings.Safe, cycle.FirstPeriod, cycle.LastPeriod, cancellationToken);
        var categories = Categories(cycle, facts.Allocations);
        var paymentIds = facts.Allocations.Where(a => a.Fact.PaymentId is not null).Select(a => a.Fact.PaymentId!).ToHashSet(StringComparer.Ordinal);
        return new AnnualReport(
            MonthlyReport.CurrentSchemaVersion,
            AnnualReport.AnnualKind,
            cycle.Name,
            cycle.FirstPeriod,
            cycle.LastPeriod,
            settings.Chain,
            categories,
            Projects(facts.Allocations),
            Months(cycle, facts),
            categories.Where(c => c.Category == ReserveCategory)
                .Select(c => new ReserveRow(c.Token, c.Cap, c.Allocated, c.Paid, c.Remaining)).ToList(),
            Summaries.Verification(facts.Payments.Where(p => paymentIds.Contains(p.Fact.Id))
                .Select(p => new PaymentVerification(p.Fact.Verdict ?? VerificationStatus.Unchecked, p.Fact.VerdictDetail, p.Fact.CheckedAtBlock))));
    }

    private static List<CategoryUseRow> Categories(BudgetCycle cycle, IReadOnlyList<AllocationState> allocations)
    {
        var live = allocations.Where(a => !a.IsCancelled).ToList();
        return cycle.Caps.OrderBy(cap => cap.Key.Category, StringComparer.Ordinal).ThenBy(cap => cap.Key.Token, StringComparer.Ordinal)
            .Select(cap =>
            {
                var (category, token) = cap.Key;
                var capsOfToken = Exact.Sum(cycle.Caps.Where(other => other.Key.Token == token), other => other.Value);
                var allocatedOfToken = Exact.Sum(live.Where(a => a.Fact.Token == token), a => Exact.Parse(a.Fact.Amount));
                var mine = live.Where(a => a.Fact.Category == category && a.Fact.Token == token).ToList();
                var allocated = Exact.Sum(mine, a => Exact.Parse(a.Fact.Amount));
                var paid = Exact.Sum(mine.Where(a => a.PaidAt is not null), a => Exact.Parse(a.Fact.Amount));
                return new CategoryUseRow(category, token, cap.Value, Exact.Percent(cap.Value, capsOfToken) ?? 0m, allocated,
                    Exact.Percent(allocated, allocatedOfToken), paid, cap.Value - allocated, Exact.Percent(allocated, cap.Value));
            })
            .ToList();
    }

    private static List<ProjectTotalRow> Projects(IReadOnlyList<AllocationState> allocations) =>
        allocations.Where(a => a.Fact.PaymentKind is not null)
            .GroupBy(a => (a.Fact.Project, a.Fact.Token))
            .OrderBy(g => g.Key.Project, StringComparer.Ordinal).ThenBy(g => g.Key.Token, StringComparer.Ordinal)
            .Select(g =>
            {
                var onChain = Exact.Sum(g.Where(a => a.Fact.PaymentKind == "OnChain"), a => Exact.Parse(a.Fact.Amount));
                var offChain = Exact.Sum(g.Where(a => a.Fact.PaymentKind == "OffChain"), a => Exact.Parse(a.Fact.Amount));
                return new ProjectTotalRow(g.Key.Project, g.Key.Token, onChain, offChain, onChain + offChain, g.Count());
            })
            .ToList();

    private List<MonthTotalRow> Months(BudgetCycle cycle, ReportFacts facts)
    {
        var tokens = cycle.Caps.Keys.Select(k => k.Token)
            .Concat(facts.Payments.Select(p => p.Fact.Token)).Concat(facts.OffChain.Select(p => p.Fact.Token))
            .Distinct().Order(StringComparer.Ordinal).ToList();
        var rows = new List<MonthTotalRow>();
        foreach (var period in ReportPeriod.Range(ReportPeriod.Parse(cycle.FirstPeriod), ReportPeriod.Parse(cycle.LastPeriod)))
        {
            var payments = facts.Payments.Where(p => period.Contains(p.Time)).ToList();
            var offChain = facts.OffChain.Where(p => period.Contains(p.Day)).ToList();
            var outflows = facts.Outflows.Where(o => period.Contains(o.Time)).ToList();
            rows.AddRange(tokens.Select(token => new MonthTotalRow(
                period.Text,
                token,
                Exact.Sum(payments.Where(p => p.Fact.Token == token), p => Exact.Parse(p.Fact.Amount)),
                Exact.Sum(offChain.Where(p => p.Fact.Token == token), p => Exact.Parse(p.Fact.Amount)),
                Exact.Sum(outflows.Where(o => settings.Units.SymbolOf(o.Fact.Token) == token),
                    o => Exact.Parse(settings.Units.ToTokenUnits(token, BigInteger.Parse(o.Fact.Amount, CultureInfo.InvariantCulture)))),
                payments.Count(p => p.Fact.Token == token) + offChain.Count(p => p.Fact.Token == token))));
        }

        return rows;
    }
}
