using OssFunding.Chain.Watcher;
using OssFunding.Pipeline.Testing;

namespace OssFunding.Worker.Chain;

/// <summary>
/// The <c>InWatcherBatch</c> failpoint (crash tests): blocks after a range of a poll is committed while more ranges of
/// the same poll remain, so the process can be killed with the mirror half-way to the head.
/// </summary>
internal sealed class WatcherBatchFailPoint(FailPoints failPoints) : IWatcherRangeObserver
{
    public Task OnRangeCommittedAsync(long toBlock, long headBlock, CancellationToken cancellationToken) =>
        toBlock < headBlock ? failPoints.ReachAsync(FailPoints.InWatcherBatch, cancellationToken) : Task.CompletedTask;
}
