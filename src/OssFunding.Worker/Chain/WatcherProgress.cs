using OssFunding.Chain.Watcher;
using OssFunding.Pipeline.Notices;

namespace OssFunding.Worker.Chain;

/// <summary>
/// When the chain watcher last caught up with the head, as the sync job saw it: readiness fails when that is longer ago
/// than <c>Chain:MaxWatcherLag</c> (RPC down, watcher stuck). Counts from the process start until the first catch-up.
/// </summary>
internal sealed class WatcherProgress(TimeProvider clock)
{
    private readonly DateTimeOffset started = clock.GetUtcNow();
    private DateTimeOffset? lastCaughtUp;
    private ChainPosition? position;
    private string? lastError;

    public ChainPosition? Position => Volatile.Read(ref position);

    public string? LastError => Volatile.Read(ref lastError);

    public void Polled(ChainPosition current)
    {
        Volatile.Write(ref position, current);
        Volatile.Write(ref lastError, null);
        if (current.Checkpoint >= current.Head)
        {
            lock (this)
            {
                lastCaughtUp = clock.GetUtcNow();
            }
        }
    }

    public void Failed(string error) => Volatile.Write(ref lastError, error);

    /// <summary>The lag, position and last error together, for the WatcherStalled alert.</summary>
    public WatcherLag Snapshot() => new(Behind, Position, LastError);

    /// <summary>Time since the watcher was last at the head (since the start when it never was).</summary>
    public TimeSpan Behind
    {
        get
        {
            lock (this)
            {
                return clock.GetUtcNow() - (lastCaughtUp ?? started);
            }
        }
    }
}
