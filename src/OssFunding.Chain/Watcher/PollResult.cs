namespace OssFunding.Chain.Watcher;

/// <summary>What one <see cref="ChainWatcher.PollAsync"/> did.</summary>
/// <param name="Idle">The head was the checkpoint: nothing read but the head.</param>
/// <param name="RewoundTo">Ancestor block a reorg rewound the mirror to, when one did.</param>
/// <param name="FromBlock">First block scanned (0 with <paramref name="Ranges"/> = 0 when nothing was scanned).</param>
public sealed record PollResult(
    bool Idle, ChainPosition Position, long? RewoundTo, long FromBlock, long ToBlock, int Ranges, int SafeEvents,
    int Transfers, int Receipts);

/// <summary>
/// The watcher's place on the chain. <see cref="Lag"/> = <see cref="Head"/> − <see cref="Checkpoint"/>;
/// <see cref="FinalLag"/> = <see cref="Head"/> − <see cref="Final"/>, how far payments trail the head before they count.
/// </summary>
public sealed record ChainPosition(long Head, long Checkpoint, long Final)
{
    public long Lag => Math.Max(0, Head - Checkpoint);

    /// <summary>Blocks between the head and the final block (on Arbitrum One's finalized tag: the L1 posting and Ethereum finality).</summary>
    public long FinalLag => Math.Max(0, Head - Final);
}
