using System.Text.Json;
using Json.Schema;
using OssFunding.Core.Text;
using OssFunding.Reports.Model;
using OssFunding.Reports.Publishing;
using OssFunding.Reports.Rendering;
using OssFunding.Reports.Tests.Support;
using OssFunding.TestSupport;

namespace OssFunding.Reports.Tests.Monthly;

[Collection(ReportsCollection.Name)]
public sealed class MonthlyReportTests(ReportsWorld world)
{
    private static readonly ReportPeriod January = ReportPeriod.Parse("2025-01");

    [Fact]
    public async Task Demo_month_lists_every_section_from_the_ledger()
    {
        await using var host = await world.StartHostAsync();
        var report = await host.Get<ReportService>().MonthlyAsync(January, CancellationToken.None);

        Assert.Equal(11, report.Payments.Count);
        Assert.All(report.Payments, p => Assert.Equal("2025-01-06", p.Date));
        Assert.All(report.Payments, p => Assert.Equal($"https://arbiscan.io/tx/{p.TxHash}", p.ExplorerUrl));
        Assert.All(report.Payments, p => Assert.Equal(VerificationStatus.Unchecked, p.Verification.Status));
        var ffmpeg = Assert.Single(report.Payments, p => p.AllocationId == "2025-01-ffmpeg");
        Assert.Equal((120m, "LPT", 1500m, "EUR"), (ffmpeg.Amount, ffmpeg.Token, ffmpeg.FiatAmount!.Value, ffmpeg.FiatCurrency!));
        Assert.Equal("https://forum.livepeer.org/t/open-source-funding-spe-allocations-2025-01", ffmpeg.ApprovalRef);

        var offChain = Assert.Single(report.OffChainPayments);
        Assert.Equal(("2025-01-offchain", "2025-01-15", 200m, "SEPA 2025-01-15 REF 4711"), (offChain.AllocationId, offChain.Date, offChain.Amount, offChain.Reference));
        Assert.Equal("2025-01-pending", Assert.Single(report.PendingAllocations).AllocationId);
        var cancelled = Assert.Single(report.CancelledAllocations);
        Assert.Equal("2025-01-cancelled", cancelled.AllocationId);
        var outflow = Assert.Single(report.UnplannedOutflows);
        Assert.Equal((world.OutsideTxHash, "LPT", "5", ReportsWorld.OutsideRecipient), (outflow.TxHash, outflow.Token, outflow.Amount, outflow.To));

        // Budget, cycle to date: the sample's 464.5 LPT and 1,300 USDC to projects, 20.8 LPT admin, plus the extras.
        var budget = report.Budget.ToDictionary(b => (b.Category, b.Token));
        Assert.Equal((4000m, 464.5m, 464.5m, 3535.5m, 11.61m), Line(budget[("projects", "LPT")]));
        Assert.Equal((20000m, 1500m, 1500m, 18500m, 7.50m), Line(budget[("projects", "USDC")]));
        Assert.Equal((250m, 20.8m, 20.8m, 229.2m, 8.32m), Line(budget[("admin", "LPT")]));
        Assert.Equal((750m, 7.25m, 0m, 742.75m, 0.97m), Line(budget[("reserve", "LPT")]));
    }

    [Fact]
    public async Task Month_end_snapshot_is_what_the_chain_says_at_the_last_block_of_the_month()
    {
        await using var host = await world.StartHostAsync();
        var snapshot = (await host.Get<ReportService>().MonthlyAsync(January, CancellationToken.None)).SafeSnapshot;

        Assert.NotNull(snapshot);
        Assert.True(snapshot.IsMonthEnd);
        var web3 = world.World.Chain.CreateWeb3();
        var block = await web3.Eth.Blocks.GetBlockWithTransactionsHashesByNumber.SendRequestAsync(new Nethereum.Hex.HexTypes.HexBigInteger(snapshot.BlockNumber));
        var next = await web3.Eth.Blocks.GetBlockWithTransactionsHashesByNumber.SendRequestAsync(new Nethereum.Hex.HexTypes.HexBigInteger(snapshot.BlockNumber + 1));
        Assert.True(DateTimeOffset.FromUnixTimeSeconds((long)block.Timestamp.Value) < January.End);
        Assert.True(DateTimeOffset.FromUnixTimeSeconds((long)next.Timestamp.Value) >= January.End);
        Assert.Equal(block.BlockHash, snapshot.BlockHash);
        Assert.Equal(3, snapshot.Threshold);
        Assert.Equal(world.World.Owners.Select(o => o.Address).Order(), snapshot.Owners.Order());
        // 5,000 LPT minted, 464.5 + 20.8 paid by the worker, 5 by the outside transfer; 50,000 USDC minus 1,300.
        Assert.Equal([("LPT", 4509.7m), ("USDC", 48700m)], snapshot.Balances.Select(b => (b.Token, b.Balance)));
    }

    [Fact]
    public async Task Same_ledger_gives_the_same_bytes_in_every_format()
    {
        await using var host = await world.StartHostAsync();
        await using var other = await world.StartHostAsync();
        foreach (var format in Enum.GetValues<ReportFormat>())
        {
            var first = ReportRenderer.Render(await host.Get<ReportService>().MonthlyAsync(January, CancellationToken.None), format);
            var again = ReportRenderer.Render(await host.Get<ReportService>().MonthlyAsync(January, CancellationToken.None), format);
            var fromCopy = ReportRenderer.Render(await other.Get<ReportService>().MonthlyAsync(January, CancellationToken.None), format);
            Assert.Equal(first, again);
            Assert.Equal(first, fromCopy);
            Assert.DoesNotContain("\r", first, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Csv_parses_back_into_the_same_rows()
    {
        await using var host = await world.StartHostAsync();
        var report = await host.Get<ReportService>().MonthlyAsync(January, CancellationToken.None);
        var parsed = ReportCsv.Read(ReportRenderer.Render(report, ReportFormat.Csv));

        // Hidden characters are shown escaped in the CSV (SPEC §14): the one row holding one reads back in its shown form.
        Assert.Equal(ReportCsv.Rows(report).Where(r => r.Record != "pending"), parsed.Where(r => r.Record != "pending"));
        Assert.Equal(4 + 11 + 1 + 1 + 1 + 1 + 2, parsed.Count);
        Assert.Equal(["budget", "payment", "offchain_payment", "pending", "cancelled", "unplanned_outflow", "balance"],
            parsed.Select(r => r.Record).Distinct());
        Assert.Equal(DisplayText.Escape(ReportsWorld.TrickyProject), parsed.Single(r => r.Record == "pending").Project);
        Assert.EndsWith(@"Safe\u202Egnp.exe", parsed.Single(r => r.Record == "pending").Project, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_validates_against_the_committed_schema_and_reads_back()
    {
        await using var host = await world.StartHostAsync();
        var report = await host.Get<ReportService>().MonthlyAsync(January, CancellationToken.None);
        var json = ReportRenderer.Render(report, ReportFormat.Json);
        var schema = JsonSchema.FromText(await File.ReadAllTextAsync(RepositoryRoot.File("docs", "report-schema.json")));

        var results = schema.Evaluate(JsonDocument.Parse(json).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(results.IsValid, string.Join("\n", results.Details?.Where(d => d.Errors is not null)
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")) ?? []));
        Assert.Contains("\"amount\": \"60.5\"", json, StringComparison.Ordinal);
        Assert.Equal(json, ReportJson.Write(ReportJson.ReadMonthly(json)));

        // A report with a float amount is not one of ours.
        var tampered = json.Replace("\"amount\": \"60.5\"", "\"amount\": 60.5", StringComparison.Ordinal);
        Assert.False(schema.Evaluate(JsonDocument.Parse(tampered).RootElement).IsValid);
        Assert.Throws<JsonException>(() => ReportJson.ReadMonthly(tampered));
    }

    [Fact]
    public async Task Html_is_one_self_contained_page_with_charts_and_everything_escaped()
    {
        await using var host = await world.StartHostAsync();
        var report = await host.Get<ReportService>().MonthlyAsync(January, CancellationToken.None);
        var html = ReportRenderer.Render(report, ReportFormat.Html);
        var markdown = ReportRenderer.Render(report, ReportFormat.Markdown);

        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" src=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href=\"javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Markup &lt;b&gt;&amp;&lt;/b&gt; | *tricky*", html, StringComparison.Ordinal);
        Assert.Contains("project withdrew | &lt;i&gt;no longer maintained&lt;/i&gt;", html, StringComparison.Ordinal);
        Assert.Equal(2 + 1, CountOf(html, "<svg "));
        Assert.Contains("Budget use per category", html, StringComparison.Ordinal);
        Assert.Contains("Paid per project in LPT", html, StringComparison.Ordinal);

        Assert.Contains(@"Markup \<b\>\&\</b\> \| \*tricky\* \[x\](javascript:alert(1))", markdown, StringComparison.Ordinal);

        // A right-to-left override in the ledger is shown as \u202E in every human-read format, never as it acts.
        Assert.Contains(@"Safe\u202Egnp.exe", html, StringComparison.Ordinal);
        Assert.Contains(@"Safe\\u202Egnp.exe", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain('\u202E', html);
        Assert.DoesNotContain('\u202E', markdown);
        Assert.DoesNotContain("href=\"" + ReportsWorld.TrickyApprovalRef, html, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"(?<!\\)\]\(javascript:", markdown);
        Assert.All(report.Payments, p => Assert.Contains($"]({p.ExplorerUrl})", markdown, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_month_outside_every_cycle_is_refused()
    {
        await using var host = await world.StartHostAsync();
        var refused = await Assert.ThrowsAsync<Building.ReportInputException>(() =>
            host.Get<ReportService>().MonthlyAsync(ReportPeriod.Parse("2024-12"), CancellationToken.None));
        Assert.Contains("No budget cycle contains 2024-12", refused.Message, StringComparison.Ordinal);
        Assert.Contains("2025 (2025-01 to 2025-12)", refused.Message, StringComparison.Ordinal);
    }

    private static (decimal, decimal, decimal, decimal, decimal?) Line(BudgetLineRow line) =>
        (line.Cap, line.Allocated, line.Paid, line.Remaining, line.PercentUsed);

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}
