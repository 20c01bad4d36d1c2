using System.Text.RegularExpressions;
using OssFunding.Reports.Publishing;
using OssFunding.Reports.Rendering;
using OssFunding.Reports.Tests.Support;
using OssFunding.Reports.Verification;
using OssFunding.TestSupport;

namespace OssFunding.Reports.Tests;

/// <summary>
/// The committed examples (docs/examples/report-2025-01.md and .html) are the demo month of the samples, verified on
/// chain. With OSSFUNDING_WRITE_EXAMPLES=1 this test rewrites them; otherwise it checks they still match what the code
/// renders, apart from what differs between devnet runs (hashes and the seconds of block times).
/// </summary>
[Collection(ReportsCollection.Name)]
public sealed partial class ExampleReports(ReportsWorld world)
{
    [Fact]
    public async Task Committed_examples_match_the_demo_month()
    {
        await using var host = await world.StartHostAsync();
        // The fixture's pending allocation carries markup to test escaping; the published example shows a plausible one.
        await host.ExecuteAsync(
            "UPDATE allocations SET project = 'StreamDiffusion', memo = 'LPT price top-up', approval_ref = @link WHERE id = '2025-01-pending'",
            new { link = "https://forum.livepeer.org/t/open-source-funding-spe-allocations-2025-01" });
        await host.Get<VerificationRunner>().VerifyMonthAsync(ReportPeriod.Parse("2025-01"), CancellationToken.None);
        var report = await host.Get<ReportService>().MonthlyAsync(ReportPeriod.Parse("2025-01"), CancellationToken.None);
        foreach (var format in new[] { ReportFormat.Markdown, ReportFormat.Html })
        {
            var path = RepositoryRoot.File("docs", "examples", $"report-2025-01.{ReportRenderer.Extension(format)}");
            var rendered = ReportRenderer.Render(report, format);
            if (Environment.GetEnvironmentVariable("OSSFUNDING_WRITE_EXAMPLES") == "1")
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                await File.WriteAllTextAsync(path, rendered);
            }

            Assert.Equal(Normalize(rendered), Normalize(await File.ReadAllTextAsync(path)));
        }
    }

    private static string Normalize(string text) =>
        Seconds().Replace(ShortHash().Replace(Hash().Replace(text, "0xHASH"), "0xHASH"), "T09:00:SSZ");

    [GeneratedRegex("0x[0-9a-f]{64}")]
    private static partial Regex Hash();

    [GeneratedRegex("0x[0-9a-f]{8}…[0-9a-f]{8}")]
    private static partial Regex ShortHash();

    [GeneratedRegex(@"T09:00:\d\dZ")]
    private static partial Regex Seconds();
}
