namespace OssFunding.Chain.Watcher;

/// <summary>
/// Told after each block range of a poll is committed (mirror rows and the moved checkpoint), before the next range is
/// read. For progress reporting and crash tests (a failpoint between two ranges of one poll). Throwing fails the poll
/// after that range; the checkpoint keeps it.
/// </summary>
public interface IWatcherRangeObserver
{
    /// <param name="toBlock">Last block of the committed range.</param>
    /// <param name="headBlock">Head the poll is scanning up to; <paramref name="toBlock"/> &lt; head means more ranges follow.</param>
    Task OnRangeCommittedAsync(long toBlock, long headBlock, CancellationToken cancellationToken);
}
