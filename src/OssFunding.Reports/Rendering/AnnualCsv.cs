using System.Globalization;
using CsvHelper.Configuration.Attributes;
using OssFunding.Reports.Building;
using OssFunding.Reports.Model;

namespace OssFunding.Reports.Rendering;

/// <summary>One line of the annual CSV: <see cref="Record"/> is category, reserve, project or month.</summary>
public sealed record AnnualCsvRow
{
    [Name("record")] public string Record { get; init; } = "";
    [Name("category")] public string Category { get; init; } = "";
    [Name("project")] public string Project { get; init; } = "";
    [Name("period")] public string Period { get; init; } = "";
    [Name("token")] public string Token { get; init; } = "";
    [Name("cap")] public string Cap { get; init; } = "";
    [Name("share_of_caps")] public string ShareOfCaps { get; init; } = "";
    [Name("allocated")] public string Allocated { get; init; } = "";
    [Name("share_of_allocated")] public string ShareOfAllocated { get; init; } = "";
    [Name("paid")] public string Paid { get; init; } = "";
    [Name("remaining")] public string Remaining { get; init; } = "";
    [Name("percent_used")] public string PercentUsed { get; init; } = "";
    [Name("paid_on_chain")] public string PaidOnChain { get; init; } = "";
    [Name("paid_off_chain")] public string PaidOffChain { get; init; } = "";
    [Name("unplanned_outflow")] public string UnplannedOutflow { get; init; } = "";
    [Name("payments")] public string Payments { get; init; } = "";
}

/// <summary>The CSV form of an annual report, written through <see cref="SpreadsheetCsv"/> (spreadsheet-safe cells).</summary>
public static class AnnualCsv
{
    public static string Write(AnnualReport report) => SpreadsheetCsv.Write(Rows(report));

    public static IReadOnlyList<AnnualCsvRow> Rows(AnnualReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return
        [
            .. report.Categories.Select(c => new AnnualCsvRow
            {
                Record = "category", Category = c.Category, Period = $"{report.FirstPeriod}..{report.LastPeriod}", Token = c.Token,
                Cap = T(c.Cap), ShareOfCaps = Exact.PercentText(c.ShareOfCaps), Allocated = T(c.Allocated),
                ShareOfAllocated = c.ShareOfAllocated is null ? "" : Exact.PercentText(c.ShareOfAllocated), Paid = T(c.Paid),
                Remaining = T(c.Remaining), PercentUsed = c.PercentUsed is null ? "" : Exact.PercentText(c.PercentUsed),
            }),
            .. report.Reserve.Select(r => new AnnualCsvRow
            {
                Record = "reserve", Category = AnnualReportBuilder.ReserveCategory, Token = r.Token, Cap = T(r.Cap), Allocated = T(r.Allocated),
                Paid = T(r.Paid), Remaining = T(r.Left),
            }),
            .. report.Projects.Select(p => new AnnualCsvRow
            {
                Record = "project", Project = p.Project, Token = p.Token, PaidOnChain = T(p.PaidOnChain), PaidOffChain = T(p.PaidOffChain),
                Paid = T(p.Total), Payments = p.Payments.ToString(CultureInfo.InvariantCulture),
            }),
            .. report.Months.Select(m => new AnnualCsvRow
            {
                Record = "month", Period = m.Period, Token = m.Token, PaidOnChain = T(m.PaidOnChain), PaidOffChain = T(m.PaidOffChain),
                UnplannedOutflow = T(m.UnplannedOutflow), Payments = m.Payments.ToString(CultureInfo.InvariantCulture),
            }),
        ];
    }

    private static string T(decimal value) => Exact.Text(value);
}
