using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Util;
using OssFunding.Chain.Mirror;
using OssFunding.Chain.Rpc;
using OssFunding.Core.Configuration;
using OssFunding.Core.Storage;

namespace OssFunding.Chain.Watcher;

/// <summary>
/// Mirrors the Safe's on-chain activity into the ledger database, one short idempotent poll at a time: read the head;
/// stop if it is the checkpoint; rewind to the common ancestor on a reorg; scan the new blocks in adaptive ranges,
/// each range written with the moved checkpoint in one transaction. Safe to kill at any line.
/// Register with <see cref="ChainServiceCollectionExtensions.AddChainWatcher"/>; run polls one at a time.
/// </summary>
public sealed class ChainWatcher
{
    /// <summary>Most consecutive ranges checked against the Safe's nonce together (SPEC §10) before they are written.</summary>
    public const int MaxRangesPerWindow = 32;

    private readonly ChainRpc rpc;
    private readonly LedgerDatabase database;
    private readonly ChainOptions chain;
    private readonly string safeAddress;
    private readonly IReadOnlyList<IChainRewindListener> rewindListeners;
    private readonly ILogger<ChainWatcher> logger;
    private readonly TimeProvider clock;
    private readonly RangeScanner scanner;
    private readonly ReorgDetector reorgs;
    private readonly AdaptiveRange range;
    private readonly NonceConsistency nonces;
    private readonly IReadOnlyList<IWatcherRangeObserver> rangeObservers;
    private readonly CreationBlockFinder creation;
    private readonly CatchUpProgress catchUp;

    // Chain:StartBlock, or the Safe's creation block once found (first sync with Chain:StartBlock unset).
    private long startBlock;

    public ChainWatcher(
        ChainRpc rpc, LedgerDatabase database, IOptions<ChainOptions> chainOptions, IOptions<SafeOptions> safeOptions,
        IOptions<TokensOptions> tokensOptions, IEnumerable<IChainRewindListener> rewindListeners, ILogger<ChainWatcher> logger, TimeProvider clock,
        IEnumerable<IWatcherRangeObserver>? rangeObservers = null, CatchUpProgress? catchUp = null)
    {
        ArgumentNullException.ThrowIfNull(chainOptions);
        ArgumentNullException.ThrowIfNull(safeOptions);
        ArgumentNullException.ThrowIfNull(tokensOptions);
        this.rpc = rpc;
        this.database = database;
        chain = chainOptions.Value;
        safeAddress = ParseSafe(safeOptions.Value.Address);
        this.rewindListeners = rewindListeners.ToList();
        this.logger = logger;
        this.clock = clock;
        scanner = new RangeScanner(rpc, database, ParseTokens(tokensOptions.Value));
        reorgs = new ReorgDetector(rpc, database, logger);
        range = new AdaptiveRange(chain.MaxBlockRange, Math.Max(chain.MaxBlockRange, chain.CatchUpMaxBlockRange));
        nonces = new NonceConsistency(rpc);
        this.rangeObservers = rangeObservers?.ToList() ?? [];
        creation = new CreationBlockFinder(rpc, logger);
        this.catchUp = catchUp ?? new CatchUpProgress(clock, NullLogger<CatchUpProgress>.Instance);
        startBlock = chain.StartBlock;
        WatcherMetrics.RangeSize.Set(range.Size);
    }

    /// <summary>The Safe being mirrored, EIP-55.</summary>
    public string Safe => safeAddress;

    /// <summary>The catch-up under way or the last one (blocks/s, ETA); null before any.</summary>
    public CatchUpSnapshot? CatchUp => catchUp.Current;

    /// <summary>Size of the next <c>eth_getLogs</c> range.</summary>
    public int RangeSize => range.Size;

    /// <summary>
    /// One poll. Throws (after logging and counting) when the chain cannot be read correctly; the checkpoint then
    /// stays after the last range that was written completely.
    /// </summary>
    public async Task<PollResult> PollAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await PollOnceAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            WatcherMetrics.FailedPolls.Inc();
            logger.LogError(exception, "Chain watcher poll failed for Safe {Safe}; the checkpoint keeps the last complete range",
                safeAddress);
            throw;
        }
    }

    private async Task<PollResult> PollOnceAsync(CancellationToken cancellationToken)
    {
        var checkpoint = await LoadCheckpointAsync(cancellationToken);
        var head = await rpc.GetTaggedBlockAsync(BlockParameter.BlockParameterType.latest, cancellationToken);
        if (checkpoint.Number == head.Number && checkpoint.Hash == head.Hash)
        {
            return Idle(new ChainPosition(head.Number, checkpoint.Number, checkpoint.Final));
        }

        if (head.Number < checkpoint.Number)
        {
            logger.LogWarning("RPC head {BlockNumber} is behind the checkpoint {Checkpoint}; waiting for the chain to pass it",
                head.Number, checkpoint.Number);
            return Idle(new ChainPosition(head.Number, checkpoint.Number, checkpoint.Final));
        }

        var final = await FinalBlockAsync(head, cancellationToken);
        var anchor = await AnchorAsync(checkpoint, cancellationToken);
        long? rewoundTo = null;
        var scanFrom = checkpoint.Number + 1;
        if (anchor is not null)
        {
            var target = await reorgs.CheckAsync(safeAddress, anchor, head, startBlock, checkpoint.Final, cancellationToken);
            if (target is not null)
            {
                await RewindAsync(checkpoint, target, head.Number, final, cancellationToken);
                checkpoint = new ChainCheckpoint(target.Number, target.Hash, head.Number, final);
                rewoundTo = target.Number;
                scanFrom = target.Number + 1;
            }
            else if (checkpoint.Hash is null)
            {
                // An interrupted poll left blocks above the anchor that no stored hash vouches for: read them again.
                scanFrom = anchor.Number + 1;
            }
        }
        else if (checkpoint.Hash is null)
        {
            scanFrom = Math.Min(startBlock, checkpoint.Number + 1);
        }

        return await ScanAsync(checkpoint, scanFrom, head, final, rewoundTo, cancellationToken);
    }

    private async Task<PollResult> ScanAsync(
        ChainCheckpoint checkpoint, long scanFrom, ChainBlock head, long final, long? rewoundTo, CancellationToken cancellationToken)
    {
        var (expected, from) = (checkpoint.Number, scanFrom);
        var previousHash = scanFrom - 1 == checkpoint.Number ? checkpoint.Hash : null;
        var totals = new ScanTotals();
        catchUp.PollStarting(scanFrom - 1, head.Number, chain.MaxBlockRange);
        // Windows of 1, 2, 4 … ranges: a poll of one new range still checks it alone, a first sync checks the nonce
        // once per MaxRangesPerWindow ranges.
        for (var windowRanges = 1; from <= head.Number; windowRanges = Math.Min(MaxRangesPerWindow, windowRanges * 2))
        {
            var window = await ScanWindowAsync(from, windowRanges, head, cancellationToken);
            var to = window[^1].ToBlock;
            var hash = to == head.Number ? head.Hash : window[^1].Blocks.FirstOrDefault(block => block.Number == to)?.Hash;
            hash = await nonces.CheckAsync(safeAddress, from, to, window.Sum(scanned => scanned.Executions), previousHash, hash, cancellationToken);
            await PersistAsync(window, expected, new ChainCheckpoint(to, hash, head.Number, final), cancellationToken);
            catchUp.Committed(to);
            foreach (var observer in rangeObservers)
            {
                await observer.OnRangeCommittedAsync(to, head.Number, cancellationToken);
            }

            logger.LogDebug("Mirrored blocks {FromBlock}..{ToBlock} in {Ranges} ranges: {SafeEvents} Safe events, {Transfers} transfers",
                from, to, window.Count, window.Sum(scanned => scanned.Events.Count), window.Sum(scanned => scanned.Transfers.Count));
            (expected, from, previousHash) = (to, to + 1, hash);
            totals.Add(window);
        }

        var position = new ChainPosition(head.Number, expected, final);
        WatcherMetrics.Observe(position);
        if (totals.Events > 0 || rewoundTo is not null)
        {
            logger.LogInformation(
                "Mirrored blocks {FromBlock}..{ToBlock} in {Ranges} ranges: {SafeEvents} Safe events, {Transfers} transfers",
                scanFrom, head.Number, totals.Ranges, totals.Events, totals.Transfers);
        }

        return new PollResult(false, position, rewoundTo, scanFrom, head.Number, totals.Ranges, totals.Events, totals.Transfers, totals.Receipts);
    }

    /// <summary>Up to <paramref name="maxRanges"/> consecutive ranges from <paramref name="from"/>, nothing written yet.</summary>
    private async Task<List<ScannedRange>> ScanWindowAsync(long from, int maxRanges, ChainBlock head, CancellationToken cancellationToken)
    {
        var window = new List<ScannedRange>();
        while (window.Count < maxRanges && from <= head.Number)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var to = Math.Min(head.Number, from + range.Size - 1);
            try
            {
                var scanned = await scanner.ScanAsync(safeAddress, from, to, head, cancellationToken);
                range.Succeeded(scanned.Events.Count);
                window.Add(scanned);
                from = to + 1;
            }
            // Shrink() is false once the range is a single block: then the refusal fails the poll.
            catch (LogRangeRejectedException exception) when (range.Shrink())
            {
                logger.LogInformation("eth_getLogs refused blocks {FromBlock}..{ToBlock} ({Reason}); range now {RangeSize}",
                    from, to, exception.Message, range.Size);
            }
            finally
            {
                WatcherMetrics.RangeSize.Set(range.Size);
            }
        }

        return window;
    }

    /// <summary>A checked window is written whole, with the checkpoint moved to its end, in one transaction.</summary>
    private Task<bool> PersistAsync(
        List<ScannedRange> window, long expected, ChainCheckpoint next, CancellationToken cancellationToken) =>
        database.WriteAsync(async (_, transaction) =>
        {
            foreach (var scanned in window)
            {
                await ChainMirrorStore.InsertRangeAsync(transaction, scanned);
            }

            await ChainMirrorStore.MoveCheckpointAsync(transaction, safeAddress, expected, next, clock.GetUtcNow());
            await ChainMirrorStore.PruneBlocksAsync(transaction, safeAddress, next.Final);
            await transaction.CommitAsync(cancellationToken);
            return true;
        }, cancellationToken);

    private async Task RewindAsync(
        ChainCheckpoint checkpoint, RewindTarget target, long head, long final, CancellationToken cancellationToken)
    {
        nonces.Forget();
        await database.WriteAsync(async (_, transaction) =>
        {
            await ChainMirrorStore.DeleteAboveAsync(transaction, safeAddress, target.Number);
            await ChainMirrorStore.MoveCheckpointAsync(transaction, safeAddress, checkpoint.Number,
                new ChainCheckpoint(target.Number, target.Hash, head, final), clock.GetUtcNow());
            foreach (var listener in rewindListeners)
            {
                await listener.OnRewoundAsync(target.Number, transaction, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            return true;
        }, cancellationToken);
        WatcherMetrics.Reorgs.Inc();
        logger.LogWarning("Reorg: rewound the mirror of Safe {Safe} from block {Checkpoint} to the common ancestor {BlockNumber}",
            safeAddress, checkpoint.Number, target.Number);
    }

    private async Task<ChainCheckpoint> LoadCheckpointAsync(CancellationToken cancellationToken)
    {
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            var stored = await ChainMirrorStore.LoadCheckpointAsync(connection, null, safeAddress);
            if (stored is not null)
            {
                return stored;
            }
        }

        if (chain.StartBlock == 0)
        {
            var head = await rpc.GetTaggedBlockAsync(BlockParameter.BlockParameterType.latest, cancellationToken);
            startBlock = await creation.FindAsync(safeAddress, head.Number, cancellationToken) ?? 0;
        }

        return await database.WriteAsync(async (_, transaction) =>
        {
            var created = await ChainMirrorStore.LoadOrCreateCheckpointAsync(
                transaction, safeAddress, startBlock, clock.GetUtcNow());
            await transaction.CommitAsync(cancellationToken);
            return created;
        }, cancellationToken);
    }

    /// <summary>The newest block whose stored hash can vouch for the checkpoint.</summary>
    private async Task<KnownBlock?> AnchorAsync(ChainCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        if (checkpoint.Hash is not null)
        {
            return new KnownBlock(checkpoint.Number, checkpoint.Hash);
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        var known = await ChainMirrorStore.KnownBlocksAsync(connection, safeAddress, checkpoint.Number, 1);
        return known.Count > 0 ? known[0] : null;
    }

    private async Task<long> FinalBlockAsync(ChainBlock head, CancellationToken cancellationToken) => chain.Finality switch
    {
        FinalityMode.Safe => Math.Min(head.Number,
            (await rpc.GetTaggedBlockAsync(BlockParameter.BlockParameterType.safe, cancellationToken)).Number),
        FinalityMode.Finalized => Math.Min(head.Number,
            (await rpc.GetTaggedBlockAsync(BlockParameter.BlockParameterType.finalized, cancellationToken)).Number),
        _ => Math.Max(-1, head.Number - chain.Confirmations),
    };

    private static PollResult Idle(ChainPosition position)
    {
        WatcherMetrics.Observe(position);
        return new PollResult(true, position, null, 0, 0, 0, 0, 0, 0);
    }

    private static string ParseSafe(string address) =>
        IsAddress(address)
            ? AddressUtil.Current.ConvertToChecksumAddress(address)
            : throw new ArgumentException($"Safe:Address '{address}' is not a 20-byte 0x address.", nameof(address));

    /// <summary>The configured tokens, whose Transfer logs from the Safe are read by address (in a stable order).</summary>
    internal static List<string> ParseTokens(TokensOptions tokens) =>
    [
        .. tokens.OrderBy(token => token.Key, StringComparer.Ordinal).Select(token => IsAddress(token.Value.Address)
                ? AddressUtil.Current.ConvertToChecksumAddress(token.Value.Address)
                : throw new ArgumentException(
                    $"Tokens:{token.Key}:Address '{token.Value.Address}' is not a 20-byte 0x address.", nameof(tokens)))
            .Distinct(StringComparer.Ordinal),
    ];

    private static bool IsAddress(string? address) =>
        address is not null && AddressUtil.Current.IsValidEthereumAddressHexFormat(address) && !AddressUtil.Current.IsAnEmptyAddress(address);
}

/// <summary>What one poll mirrored, for its log line and result.</summary>
internal sealed class ScanTotals
{
    public int Ranges { get; private set; }

    public int Events { get; private set; }

    public int Transfers { get; private set; }

    public int Receipts { get; private set; }

    public void Add(IReadOnlyList<ScannedRange> window)
    {
        Ranges += window.Count;
        Events += window.Sum(scanned => scanned.Events.Count);
        Transfers += window.Sum(scanned => scanned.Transfers.Count);
        Receipts += window.Sum(scanned => scanned.Receipts);
    }
}
