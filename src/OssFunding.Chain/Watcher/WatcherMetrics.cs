using Prometheus;

namespace OssFunding.Chain.Watcher;

/// <summary>Prometheus series of the chain watcher.</summary>
internal static class WatcherMetrics
{
    private static readonly Gauge Head = Metrics.CreateGauge(
        "ossfunding_watcher_head_block", "Latest block number the RPC reported at the last poll.");

    private static readonly Gauge Checkpoint = Metrics.CreateGauge(
        "ossfunding_watcher_checkpoint_block", "Last block fully mirrored into the ledger.");

    private static readonly Gauge Final = Metrics.CreateGauge(
        "ossfunding_watcher_final_block", "Highest block the watcher treats as final.");

    private static readonly Gauge Lag = Metrics.CreateGauge(
        "ossfunding_watcher_lag_blocks", "Head minus checkpoint, in blocks.");

    private static readonly Gauge FinalLag = Metrics.CreateGauge(
        "ossfunding_watcher_final_lag_blocks", "Head minus the final block, in blocks: how far behind the head payments become final.");

    public static readonly Gauge RangeSize = Metrics.CreateGauge(
        "ossfunding_watcher_range_blocks", "Current eth_getLogs range size (adaptive, at most Chain:MaxBlockRange).");

    public static readonly Counter Reorgs = Metrics.CreateCounter(
        "ossfunding_watcher_reorgs_total", "Reorgs that rewound the mirror.");

    public static readonly Counter FailedPolls = Metrics.CreateCounter(
        "ossfunding_watcher_failed_polls_total", "Polls that ended in an error without moving the checkpoint further.");

    public static readonly Counter InconsistentRanges = Metrics.CreateCounter(
        "ossfunding_watcher_inconsistent_ranges_total",
        "Ranges refused because their logs did not account for the Safe's nonce change (a node behind or incomplete).");

    private static readonly Gauge CatchUpRate = Metrics.CreateGauge(
        "ossfunding_watcher_catchup_blocks_per_second", "Blocks mirrored per second during a catch-up, over the last minute (0 when not catching up).");

    private static readonly Gauge CatchUpEta = Metrics.CreateGauge(
        "ossfunding_watcher_catchup_eta_seconds", "Estimated seconds until a catch-up reaches the head: remaining blocks / measured rate (0 when not catching up).");

    private static readonly Gauge CatchUpRemaining = Metrics.CreateGauge(
        "ossfunding_watcher_catchup_remaining_blocks", "Blocks a catch-up still has to mirror (0 when not catching up).");

    public static void ObserveCatchUp(CatchUpSnapshot snapshot)
    {
        CatchUpRate.Set(snapshot.Active ? snapshot.BlocksPerSecond ?? 0 : 0);
        CatchUpEta.Set(snapshot.Active ? snapshot.EtaSeconds ?? 0 : 0);
        CatchUpRemaining.Set(snapshot.Active ? snapshot.RemainingBlocks : 0);
    }

    public static void Observe(ChainPosition position)
    {
        Head.Set(position.Head);
        Checkpoint.Set(position.Checkpoint);
        Final.Set(position.Final);
        Lag.Set(position.Lag);
        FinalLag.Set(position.FinalLag);
    }
}
