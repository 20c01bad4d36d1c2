using Microsoft.Extensions.Logging;

namespace OssFunding.Chain.Watcher;

/// <summary>
/// A catch-up as <c>GET /api/status</c> shows it. <see cref="BlocksPerSecond"/> is measured over the windows committed in
/// the last <see cref="CatchUpProgress.RateWindow"/>; <see cref="EtaSeconds"/> = remaining blocks ÷ that rate (null until
/// two windows were committed at different times).
/// </summary>
public sealed record CatchUpSnapshot(
    bool Active, long FromBlock, long Checkpoint, long TargetBlock, DateTimeOffset StartedAt, double? BlocksPerSecond, double? EtaSeconds)
{
    public long RemainingBlocks => Math.Max(0, TargetBlock - Checkpoint);

    /// <summary>Share of the catch-up's blocks mirrored, 0–100.</summary>
    public double Percent => TargetBlock <= FromBlock ? 100 : Math.Min(100, 100.0 * (Checkpoint - FromBlock) / (TargetBlock - FromBlock));
}

/// <summary>
/// Progress of the watcher while it is far behind the head (a first sync, or a restart after a long stop): a catch-up
/// begins at a poll that starts at least <c>Chain:MaxBlockRange</c> blocks behind the head and lasts, over as many polls
/// as it takes, until the checkpoint reaches the head. Told of every committed window; logs one Information line per
/// <see cref="LogInterval"/> (not per call), and sets the <c>ossfunding_watcher_catchup_*</c> gauges.
/// One instance per watcher (registered as a singleton next to it).
/// </summary>
public sealed class CatchUpProgress(TimeProvider clock, ILogger<CatchUpProgress> logger)
{
    /// <summary>The rate is measured over the windows committed in this much time, so the ETA follows a provider that slows down.</summary>
    public static readonly TimeSpan RateWindow = TimeSpan.FromSeconds(60);

    /// <summary>At most one progress line per this much time.</summary>
    public static readonly TimeSpan LogInterval = TimeSpan.FromSeconds(10);

    private readonly Queue<(DateTimeOffset At, long Block)> samples = new();
    private readonly Lock gate = new();
    private CatchUpSnapshot? current;
    private DateTimeOffset lastLogged;

    /// <summary>The catch-up under way, or the last one (<see cref="CatchUpSnapshot.Active"/> false); null before any.</summary>
    public CatchUpSnapshot? Current
    {
        get
        {
            lock (gate)
            {
                return current;
            }
        }
    }

    /// <summary>A poll is about to scan from <paramref name="checkpoint"/> + 1 to <paramref name="head"/>.</summary>
    internal void PollStarting(long checkpoint, long head, int catchUpThreshold)
    {
        lock (gate)
        {
            if (current is { Active: true })
            {
                current = current with { TargetBlock = head };
                return;
            }

            if (head - checkpoint < catchUpThreshold)
            {
                return;
            }

            var now = clock.GetUtcNow();
            samples.Clear();
            samples.Enqueue((now, checkpoint));
            current = new CatchUpSnapshot(true, checkpoint, checkpoint, head, now, null, null);
            lastLogged = now;
        }

        logger.LogInformation("Catching up from block {FromBlock} to the head {Head}: {Blocks:N0} blocks to mirror",
            checkpoint + 1, head, head - checkpoint);
    }

    /// <summary>A window up to <paramref name="toBlock"/> was committed.</summary>
    internal void Committed(long toBlock)
    {
        CatchUpSnapshot snapshot;
        bool log;
        lock (gate)
        {
            if (current is not { Active: true })
            {
                return;
            }

            var now = clock.GetUtcNow();
            samples.Enqueue((now, toBlock));
            // Keep one sample at or before the start of the rate window, so the rate always spans it.
            while (samples.Count > 2 && samples.ElementAt(1).At <= now - RateWindow)
            {
                samples.Dequeue();
            }

            var (oldest, seconds) = (samples.Peek(), (now - samples.Peek().At).TotalSeconds);
            double? rate = seconds > 0 ? (toBlock - oldest.Block) / seconds : null;
            var remaining = Math.Max(0, current.TargetBlock - toBlock);
            var done = toBlock >= current.TargetBlock;
            current = current with
            {
                Active = !done,
                Checkpoint = toBlock,
                BlocksPerSecond = rate,
                EtaSeconds = rate > 0 ? remaining / rate.Value : done ? 0 : null,
            };
            snapshot = current;
            log = !done && now - lastLogged >= LogInterval;
            if (log)
            {
                lastLogged = now;
            }
        }

        WatcherMetrics.ObserveCatchUp(snapshot);
        if (!snapshot.Active)
        {
            var elapsed = clock.GetUtcNow() - snapshot.StartedAt;
            logger.LogInformation("Caught up with the head at block {Head}: {Blocks:N0} blocks in {Elapsed} ({BlocksPerSecond:N0} blocks/s overall)",
                snapshot.TargetBlock, snapshot.TargetBlock - snapshot.FromBlock, TimeSpan.FromSeconds(Math.Round(elapsed.TotalSeconds)),
                elapsed.TotalSeconds > 0 ? (snapshot.TargetBlock - snapshot.FromBlock) / elapsed.TotalSeconds : 0);
        }
        else if (log)
        {
            logger.LogInformation(
                "Catching up: block {Checkpoint} of {Head} ({Percent:F1} %), {BlocksPerSecond:N0} blocks/s, ETA {Eta}",
                snapshot.Checkpoint, snapshot.TargetBlock, snapshot.Percent, snapshot.BlocksPerSecond ?? 0,
                snapshot.EtaSeconds is { } eta ? TimeSpan.FromSeconds(Math.Round(eta)) : "unknown");
        }
    }
}
