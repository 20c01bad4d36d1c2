using Microsoft.Extensions.Logging;
using OssFunding.Reports.Building;
using OssFunding.Reports.ChainFacts;
using OssFunding.Reports.Model;

namespace OssFunding.Reports.Publishing;

/// <summary>
/// What the CLI, the API and the publisher call: first bring the ledger's chain facts up to date (block times, month-end
/// snapshots), then build the report from the ledger. When the chain cannot be read, the report is built from the facts
/// already recorded; it fails only if a payment cannot be dated without the chain.
/// </summary>
public sealed class ReportService(
    ChainFactsRecorder facts, MonthlyReportBuilder monthly, AnnualReportBuilder annual, ILogger<ReportService> logger)
{
    public async Task<MonthlyReport> MonthlyAsync(ReportPeriod period, CancellationToken cancellationToken)
    {
        await RefreshFactsAsync(cancellationToken);
        return await monthly.BuildAsync(period, cancellationToken);
    }

    public async Task<AnnualReport> AnnualAsync(string cycle, CancellationToken cancellationToken)
    {
        await RefreshFactsAsync(cancellationToken);
        return await annual.BuildAsync(cycle, cancellationToken);
    }

    private async Task RefreshFactsAsync(CancellationToken cancellationToken)
    {
        try
        {
            await facts.RecordAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Could not read chain facts for reports; building from what the ledger already holds");
        }
    }
}
