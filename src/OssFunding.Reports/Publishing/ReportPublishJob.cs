using Microsoft.Extensions.Logging;
using OssFunding.Core.Budget;
using Quartz;

namespace OssFunding.Reports.Publishing;

/// <summary>
/// Quartz job (<c>Reports:PublishSchedule</c>, the 1st of each month by default): publishes the previous month's report
/// when a budget cycle contains that month and publishing is on. Runs one at a time.
/// </summary>
[DisallowConcurrentExecution]
public sealed class ReportPublishJob(ReportPublisher publisher, BudgetPlan plan, TimeProvider clock, ILogger<ReportPublishJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var period = ReportPeriod.Of(clock.GetUtcNow()).Previous;
        if (!publisher.IsEnabled)
        {
            logger.LogInformation("Report publishing is off (Reports:PublishFolder is empty)");
            return;
        }

        if (plan.CycleOf(period.Text) is null)
        {
            logger.LogInformation("No budget cycle contains {Period}: no report to publish", period.Text);
            return;
        }

        await publisher.PublishAsync(period, cancellationToken);
    }
}
