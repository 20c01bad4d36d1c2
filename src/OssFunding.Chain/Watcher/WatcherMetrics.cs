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

    public static void Observe(ChainPosition position)
    {
        Head.Set(position.Head);
        Checkpoint.Set(position.Checkpoint);
        Final.Set(position.Final);
        Lag.Set(position.Lag);
        FinalLag.Set(position.FinalLag);
    }
}
