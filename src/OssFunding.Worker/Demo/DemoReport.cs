using System.Text;
using Microsoft.Extensions.DependencyInjection;
using OssFunding.Reports;
using OssFunding.Reports.Publishing;
using OssFunding.Reports.Rendering;
using OssFunding.Reports.Verification;

namespace OssFunding.Worker.Demo;

/// <summary>
/// The demo month's transparency report (SPEC §8): its payments re-checked on chain, then rendered as Markdown to
/// <c>data/demo/</c> under the repository root (<see cref="RepositoryFolder"/>), so it outlives the demo's temporary
/// folder and lands where the README says whichever folder the demo was started from.
/// </summary>
internal static class DemoReport
{
    /// <summary>The month of samples/allocations-2025-01.csv; the demo's chain clock runs inside it.</summary>
    public static readonly ReportPeriod Month = ReportPeriod.Parse("2025-01");

    /// <summary>Where the report is written (overwritten by the next demo run).</summary>
    public static string FilePath => Path.Combine(RepositoryFolder.Locate(), "data", "demo", $"report-{Month.Text}.md");

    public static async Task<string> WriteAsync(IServiceProvider services, Action<string> progress, CancellationToken cancellationToken)
    {
        // Verdicts are stored in the ledger, so the report's verification column shows this check.
        var verification = await services.GetRequiredService<VerificationRunner>().VerifyMonthAsync(Month, cancellationToken);
        progress($"re-checked the {verification.Verdicts.Count} payments of {Month} against the chain at block {verification.HeadBlock}: "
                 + $"{verification.Mismatches} mismatch(es)");

        var report = await services.GetRequiredService<ReportService>().MonthlyAsync(Month, cancellationToken);
        var path = FilePath;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, ReportRenderer.Render(report, ReportFormat.Markdown), new UTF8Encoding(false), cancellationToken);
        progress($"wrote the {Month} report ({report.Payments.Count} on-chain payments) to {path}");

        if (!verification.AllMatch)
        {
            throw new DemoException($"recorded payments do not match the chain:{Environment.NewLine}{VerificationText.Format(Month.Text, verification)}");
        }

        return path;
    }
}
