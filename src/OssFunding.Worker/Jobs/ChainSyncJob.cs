using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Logging;
using OssFunding.Chain.Watcher;
using OssFunding.Pipeline.Confirmation;
using OssFunding.Pipeline.Notices;
using OssFunding.Worker.Chain;
using Quartz;

namespace OssFunding.Worker.Jobs;

/// <summary>
/// Every <c>Chain:PollInterval</c>: the watcher mirrors new blocks, the WatcherStalled alert is raised or cleared from
/// how long the watcher has been away from the head, then the confirmer derives states and payments from the mirror.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class ChainSyncJob(
    ChainWatcher watcher, Confirmer confirmer, WatcherProgress progress, WatcherStallAlert stallAlert, ILogger<ChainSyncJob> logger) : IJob
{
    public const string Name = "chain-sync";

    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        JobRun.RunAsync(context, logger, async token =>
        {
            ExceptionDispatchInfo? pollFailure = null;
            try
            {
                var poll = await watcher.PollAsync(token);
                progress.Polled(poll.Position);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                progress.Failed(exception.Message);
                pollFailure = ExceptionDispatchInfo.Capture(exception);
            }

            // A failed poll is exactly when the stall alert matters, so it is recorded before the failure is rethrown.
            await stallAlert.RecordAsync(progress.Snapshot(), token);
            pollFailure?.Throw();
            await confirmer.RunAsync(token);
        }, cancellationToken);
}
