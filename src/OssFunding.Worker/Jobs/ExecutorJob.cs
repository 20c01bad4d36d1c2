using Microsoft.Extensions.Logging;
using OssFunding.Pipeline.Execution;
using Quartz;

namespace OssFunding.Worker.Jobs;

/// <summary>Every <c>Chain:PollInterval</c> when <c>Execution:Mode=Executor</c>: submits the next ready transaction.</summary>
[DisallowConcurrentExecution]
internal sealed class ExecutorJob(Executor executor, ILogger<ExecutorJob> logger) : IJob
{
    public const string Name = "executor";

    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        JobRun.RunAsync(context, logger, async token =>
        {
            var run = await executor.RunAsync(token);
            if (run.Outcome is ExecutorOutcome.Submitted or ExecutorOutcome.Blocked)
            {
                logger.LogInformation("Executor: {ExecutorOutcome} for Safe tx {SafeTxHash}: {Reason}", run.Outcome, run.SafeTxHash, run.Reason);
            }
        }, cancellationToken);
}
