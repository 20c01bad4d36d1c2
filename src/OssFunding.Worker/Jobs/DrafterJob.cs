using Microsoft.Extensions.Logging;
using OssFunding.Pipeline.Drafting;
using Quartz;

namespace OssFunding.Worker.Jobs;

/// <summary>On <c>Drafting:Schedule</c>: drafts the next Safe transaction from the due allocations.</summary>
[DisallowConcurrentExecution]
internal sealed class DrafterJob(Drafter drafter, ILogger<DrafterJob> logger) : IJob
{
    public const string Name = "drafter";

    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        JobRun.RunAsync(context, logger, async token =>
        {
            var outcome = await drafter.DraftAsync(token);
            if (outcome.Transaction is null)
            {
                logger.LogInformation("Scheduled draft: {DraftResult}: {Reason}", outcome.Result, outcome.Reason);
            }
        }, cancellationToken);
}
