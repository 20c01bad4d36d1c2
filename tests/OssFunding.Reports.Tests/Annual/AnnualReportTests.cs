using OssFunding.Reports.Building;
using OssFunding.Reports.Publishing;
using OssFunding.Reports.Rendering;
using OssFunding.Reports.Tests.Support;
using OssFunding.Reports.Verification;

namespace OssFunding.Reports.Tests.Annual;

[Collection(ReportsCollection.Name)]
public sealed class AnnualReportTests(ReportsWorld world)
{
    [Fact]
    public async Task Cycle_totals_agree_with_the_month_and_the_split()
    {
        await using var host = await world.StartHostAsync();
        await host.Get<VerificationRunner>().VerifyMonthAsync(ReportPeriod.Parse("2025-01"), CancellationToken.None);
        var reports = host.Get<ReportService>();
        var annual = await reports.AnnualAsync("2025", CancellationToken.None);
        var january = await reports.MonthlyAsync(ReportPeriod.Parse("2025-01"), CancellationToken.None);

        Assert.Equal(("2025-01", "2025-12"), (annual.FirstPeriod, annual.LastPeriod));
        Assert.Equal(12 * 2, annual.Months.Count);
        foreach (var total in january.Totals)
        {
            var month = annual.Months.Single(m => m.Period == "2025-01" && m.Token == total.Token);
            Assert.Equal((total.PaidOnChain, total.PaidOffChain, total.UnplannedOutflow, total.Payments),
                (month.PaidOnChain, month.PaidOffChain, month.UnplannedOutflow, month.Payments));
        }

        Assert.All(annual.Months.Where(m => m.Period != "2025-01"), m => Assert.Equal(0m, m.PaidOnChain + m.PaidOffChain));
        var lpt = annual.Categories.Where(c => c.Token == "LPT").ToDictionary(c => c.Category);
        Assert.Equal((80.00m, 5.00m, 15.00m), (lpt["projects"].ShareOfCaps, lpt["admin"].ShareOfCaps, lpt["reserve"].ShareOfCaps));
        Assert.Equal(464.5m, lpt["projects"].Allocated);
        var reserve = Assert.Single(annual.Reserve);
        Assert.Equal(("LPT", 750m, 7.25m, 742.75m), (reserve.Token, reserve.Cap, reserve.Allocated, reserve.Left));
        Assert.Equal((120m, 0m, 1), Project(annual, "FFmpeg", "LPT"));
        Assert.Equal((0m, 200m, 1), Project(annual, "Offline Project", "USDC"));
        Assert.Equal(new Model.VerificationSummary(11, 11, 0, 0), annual.Verification);
    }

    [Fact]
    public async Task Renders_in_every_format_deterministically()
    {
        await using var host = await world.StartHostAsync();
        var reports = host.Get<ReportService>();
        foreach (var format in Enum.GetValues<ReportFormat>())
        {
            var first = ReportRenderer.Render(await reports.AnnualAsync("2025", CancellationToken.None), format);
            Assert.Equal(first, ReportRenderer.Render(await reports.AnnualAsync("2025", CancellationToken.None), format));
        }

        var csv = AnnualCsv.Rows(await reports.AnnualAsync("2025", CancellationToken.None));
        Assert.Contains(csv, r => r.Record == "reserve" && r.Remaining == "742.75");
    }

    [Fact]
    public async Task An_unknown_cycle_is_refused()
    {
        await using var host = await world.StartHostAsync();
        var refused = await Assert.ThrowsAsync<ReportInputException>(() => host.Get<ReportService>().AnnualAsync("2031", CancellationToken.None));
        Assert.Contains("No budget cycle is named '2031'", refused.Message, StringComparison.Ordinal);
    }

    private static (decimal, decimal, int) Project(Model.AnnualReport report, string project, string token)
    {
        var row = report.Projects.Single(p => p.Project == project && p.Token == token);
        return (row.PaidOnChain, row.PaidOffChain, row.Payments);
    }
}
