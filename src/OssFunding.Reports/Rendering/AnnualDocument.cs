using System.Globalization;
using OssFunding.Reports.Building;
using OssFunding.Reports.Model;

namespace OssFunding.Reports.Rendering;

/// <summary>Lays out an <see cref="AnnualReport"/> for Markdown and HTML.</summary>
internal static class AnnualDocument
{
    public static ReportDocument From(AnnualReport report)
    {
        var chain = report.Chain;
        var v = report.Verification;
        return new ReportDocument(
            $"Annual report, budget cycle {report.Cycle} ({report.FirstPeriod} to {report.LastPeriod})",
            [
                Paragraph.Of("Safe ", MonthlyDocument.Address(chain, chain.Safe), $" on chain {chain.ChainId}. Amounts are exact token amounts; " +
                    "months are UTC; payments are counted in the month of their block's time (off chain: of their date)."),
                Paragraph.Text($"On-chain payments of the cycle: {v.OnChainPayments}; verified on chain: {v.Verified}; " +
                    $"mismatches: {v.Mismatch}; not re-verified: {v.Unchecked}."),
            ],
            [Categories(report), Reserve(report), Projects(report), Months(report)]);
    }

    private static Section Categories(AnnualReport report)
    {
        var table = new TableBuilder().Column("Category").Column("Token").Column("Cap", true).Column("Share of caps %", true)
            .Column("Allocated", true).Column("Share of allocated %", true).Column("Paid", true).Column("Remaining", true).Column("% used", true);
        foreach (var c in report.Categories)
        {
            table.Row(c.Category, c.Token, Exact.Text(c.Cap), Exact.PercentText(c.ShareOfCaps), Exact.Text(c.Allocated),
                Exact.PercentText(c.ShareOfAllocated), Exact.Text(c.Paid), Exact.Text(c.Remaining), Exact.PercentText(c.PercentUsed));
        }

        var chart = new BarChart("Category use against the caps", "Bar: allocated; background: cap.",
            report.Categories.Select(c => new Bar($"{c.Category} ({c.Token})", c.Allocated, c.Cap,
                $"{Exact.Text(c.Allocated)} / {Exact.Text(c.Cap)} {c.Token} ({Exact.PercentText(c.PercentUsed)} %)")).ToList());
        return new Section("Category use against the split",
            [Paragraph.Text("The caps set the split (projects 80 %, admin 5 %, reserve 15 % of the LPT budget); allocations of the cycle are measured against them.")],
            table.Build("No budget is configured for this cycle."), [chart]);
    }

    private static Section Reserve(AnnualReport report)
    {
        var table = new TableBuilder().Column("Token").Column("Reserve cap", true).Column("Allocated", true).Column("Paid", true)
            .Column("Left to roll over or return", true);
        foreach (var r in report.Reserve)
        {
            table.Row(r.Token, Exact.Text(r.Cap), Exact.Text(r.Allocated), Exact.Text(r.Paid), Exact.Text(r.Left));
        }

        return Section.Of("Reserve", table.Build("No reserve category is configured for this cycle."));
    }

    private static Section Projects(AnnualReport report)
    {
        var table = new TableBuilder().Column("Project").Column("Token").Column("On chain", true).Column("Off chain", true)
            .Column("Total", true).Column("Payments", true);
        foreach (var p in report.Projects)
        {
            table.Row(p.Project, p.Token, Exact.Text(p.PaidOnChain), Exact.Text(p.PaidOffChain), Exact.Text(p.Total), N(p.Payments));
        }

        var charts = report.Projects.GroupBy(p => p.Token).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new BarChart($"Paid per project in {g.Key}", $"On and off chain, in {g.Key}.",
                g.Select(p => new Bar(p.Project, p.Total, p.Total, $"{Exact.Text(p.Total)} {g.Key}")).ToList()))
            .ToList();
        return new Section("Per project", [Paragraph.Text("Payments of the cycle's allocations, on and off chain.")],
            table.Build("Nothing was paid in this cycle."), charts);
    }

    private static Section Months(AnnualReport report)
    {
        var table = new TableBuilder().Column("Month").Column("Token").Column("On chain", true).Column("Off chain", true)
            .Column("Payments", true).Column("Unplanned outflow", true);
        foreach (var m in report.Months)
        {
            table.Row(m.Period, m.Token, Exact.Text(m.PaidOnChain), Exact.Text(m.PaidOffChain), N(m.Payments), Exact.Text(m.UnplannedOutflow));
        }

        return Section.Of("Per month", table.Build("The cycle has no months."));
    }

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);
}
