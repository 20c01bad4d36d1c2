using Microsoft.Extensions.Logging;
using OssFunding.Chain.Watcher;
using OssFunding.Pipeline.Confirmation;
using OssFunding.Worker.Chain;
using Quartz;

namespace OssFunding.Worker.Jobs;

/// <summary>Every <c>Chain:PollInterval</c>: the watcher mirrors new blocks, then the confirmer derives states and payments from the mirror.</summary>
[DisallowConcurrentExecution]
internal sealed class ChainSyncJob(ChainWatcher watcher, Confirmer confirmer, WatcherProgress progress, ILogger<ChainSyncJob> logger) : IJob
{
    public const string Name = "chain-sync";

    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        JobRun.RunAsync(context, logger, async token =>
        {
            try
            {
                var poll = await watcher.PollAsync(token);
                progress.Polled(poll.Position);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                progress.Failed(exception.Message);
                throw;
            }

            await confirmer.RunAsync(token);
        }, cancellationToken);
}
