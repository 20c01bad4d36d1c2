using System.Globalization;
using CsvHelper.Configuration.Attributes;
using OssFunding.Reports.Building;
using OssFunding.Reports.Model;

namespace OssFunding.Reports.Rendering;

/// <summary>
/// One line of the CSV form of a monthly report. Every line has every column; <see cref="Record"/> says what the line
/// is (budget, payment, offchain_payment, pending, cancelled, unplanned_outflow, balance) and which columns it fills.
/// All values are text: amounts are exact decimals in token units, never rounded, written as plain numbers.
/// </summary>
public sealed record ReportCsvRow
{
    [Name("record")] public string Record { get; init; } = "";
    [Name("date")] public string Date { get; init; } = "";
    [Name("period")] public string Period { get; init; } = "";
    [Name("allocation_id")] public string AllocationId { get; init; } = "";
    [Name("project")] public string Project { get; init; } = "";
    [Name("category")] public string Category { get; init; } = "";
    [Name("recipient")] public string Recipient { get; init; } = "";
    [Name("token")] public string Token { get; init; } = "";
    [Name("amount")] public string Amount { get; init; } = "";
    [Name("fiat_amount")] public string FiatAmount { get; init; } = "";
    [Name("fiat_currency")] public string FiatCurrency { get; init; } = "";
    [Name("approval_ref")] public string ApprovalRef { get; init; } = "";
    [Name("status")] public string Status { get; init; } = "";
    [Name("tx_hash")] public string TxHash { get; init; } = "";
    [Name("explorer_url")] public string ExplorerUrl { get; init; } = "";
    [Name("block_number")] public string BlockNumber { get; init; } = "";
    [Name("log_index")] public string LogIndex { get; init; } = "";
    [Name("verification")] public string Verification { get; init; } = "";
    [Name("reference")] public string Reference { get; init; } = "";
    [Name("evidence_url")] public string EvidenceUrl { get; init; } = "";
    [Name("cap")] public string Cap { get; init; } = "";
    [Name("allocated")] public string Allocated { get; init; } = "";
    [Name("paid")] public string Paid { get; init; } = "";
    [Name("remaining")] public string Remaining { get; init; } = "";
    [Name("percent_used")] public string PercentUsed { get; init; } = "";
}

/// <summary>The CSV form of a monthly report, written and read through <see cref="SpreadsheetCsv"/> (spreadsheet-safe cells).</summary>
public static class ReportCsv
{
    public static string Write(MonthlyReport report) => SpreadsheetCsv.Write(Rows(report));

    public static IReadOnlyList<ReportCsvRow> Read(string text) => SpreadsheetCsv.Read<ReportCsvRow>(text);

    /// <summary>The lines of the CSV, in order: budget, payments, off-chain payments, pending, cancelled, outflows, balances.</summary>
    public static IReadOnlyList<ReportCsvRow> Rows(MonthlyReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var rows = new List<ReportCsvRow>();
        rows.AddRange(report.Budget.Select(b => new ReportCsvRow
        {
            Record = "budget", Period = report.Period, Category = b.Category, Token = b.Token, Cap = T(b.Cap), Allocated = T(b.Allocated),
            Paid = T(b.Paid), Remaining = T(b.Remaining), PercentUsed = b.PercentUsed is { } p ? Exact.PercentText(p) : "",
        }));
        rows.AddRange(report.Payments.Select(p => new ReportCsvRow
        {
            Record = "payment", Date = p.Date, Period = p.AllocationPeriod, AllocationId = p.AllocationId, Project = p.Project,
            Category = p.Category, Recipient = p.Recipient, Token = p.Token, Amount = T(p.Amount), FiatAmount = T(p.FiatAmount),
            FiatCurrency = p.FiatCurrency ?? "", ApprovalRef = p.ApprovalRef, Status = "OnChain", TxHash = p.TxHash,
            ExplorerUrl = p.ExplorerUrl, BlockNumber = N(p.BlockNumber), LogIndex = N(p.LogIndex),
            Verification = p.Verification.Detail is null ? p.Verification.Status : $"{p.Verification.Status}: {p.Verification.Detail}",
        }));
        rows.AddRange(report.OffChainPayments.Select(p => new ReportCsvRow
        {
            Record = "offchain_payment", Date = p.Date, Period = p.AllocationPeriod, AllocationId = p.AllocationId, Project = p.Project,
            Category = p.Category, Recipient = p.Recipient, Token = p.Token, Amount = T(p.Amount), FiatAmount = T(p.FiatAmount),
            FiatCurrency = p.FiatCurrency ?? "", ApprovalRef = p.ApprovalRef, Status = "OffChain", Reference = p.Reference,
            EvidenceUrl = p.EvidenceUrl,
        }));
        rows.AddRange(report.PendingAllocations.Select(a => new ReportCsvRow
        {
            Record = "pending", Date = a.PaidOn ?? "", Period = a.Period, AllocationId = a.AllocationId, Project = a.Project,
            Category = a.Category, Recipient = a.Recipient, Token = a.Token, Amount = T(a.Amount), FiatAmount = T(a.FiatAmount),
            FiatCurrency = a.FiatCurrency ?? "", ApprovalRef = a.ApprovalRef, Status = a.Status,
        }));
        rows.AddRange(report.CancelledAllocations.Select(a => new ReportCsvRow
        {
            Record = "cancelled", Date = a.CancelledOn, Period = a.Period, AllocationId = a.AllocationId, Project = a.Project,
            Category = a.Category, Recipient = a.Recipient, Token = a.Token, Amount = T(a.Amount), ApprovalRef = a.ApprovalRef,
            Status = "Cancelled", Reference = a.Reason,
        }));
        rows.AddRange(report.UnplannedOutflows.Select(o => new ReportCsvRow
        {
            Record = "unplanned_outflow", Date = o.Date, Period = report.Period, Recipient = o.To, Token = o.Token, Amount = o.Amount,
            TxHash = o.TxHash, ExplorerUrl = o.ExplorerUrl, BlockNumber = N(o.BlockNumber), LogIndex = N(o.LogIndex), Reference = o.TokenAddress,
        }));
        if (report.SafeSnapshot is { } snapshot)
        {
            rows.AddRange(snapshot.Balances.Select(b => new ReportCsvRow
            {
                Record = "balance", Date = snapshot.BlockTime[..10], Period = report.Period, Recipient = report.Chain.Safe, Token = b.Token,
                Amount = T(b.Balance), BlockNumber = N(snapshot.BlockNumber), Status = snapshot.IsMonthEnd ? "MonthEnd" : "Provisional",
                Reference = b.TokenAddress,
            }));
        }

        return rows;
    }

    private static string T(decimal value) => Exact.Text(value);

    private static string T(decimal? value) => value is { } v ? Exact.Text(v) : "";

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);
}
