using System.Collections.Concurrent;
using System.Numerics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OssFunding.Chain.Mirror;
using OssFunding.Chain.Rpc;
using OssFunding.Core.Configuration;
using OssFunding.Core.Storage;
using OssFunding.Safe.Transactions;

namespace OssFunding.Chain.Watcher;

/// <summary>
/// Rescans the one block in which the Safe's nonce passed a given value, when the confirmer finds a nonce used with
/// no execution mirrored for it (SPEC §5: a watcher inconsistency). The block is found by bisecting the nonce over
/// block states (about 30 reads for a year of Arbitrum, once per nonce); its logs are read again and whatever they
/// hold is added to the mirror (inserts are idempotent; the checkpoint does not move). Only final blocks are
/// rescanned, so no rewind can race it.
/// </summary>
public sealed class NonceRescanner(
    ChainRpc rpc, LedgerDatabase database, IOptions<SafeOptions> safeOptions, IOptions<TokensOptions> tokensOptions,
    ILogger<NonceRescanner> logger)
{
    private readonly ConcurrentDictionary<long, long> blockOfNonce = new();
    private readonly string safe = EthAddress.Normalize(safeOptions.Value.Address, "Safe:Address");
    private readonly RangeScanner scanner = new(rpc, database, ChainWatcher.ParseTokens(tokensOptions.Value));

    /// <summary>
    /// Reads again the block where nonce <paramref name="nonce"/> was used (at or below <paramref name="final"/>) and
    /// returns how many Safe events it added to the mirror. Throws when the chain cannot be read consistently.
    /// </summary>
    public async Task<int> RescanAsync(long nonce, long final, CancellationToken cancellationToken)
    {
        var block = blockOfNonce.TryGetValue(nonce, out var known) ? known : await FindBlockAsync(nonce, final, cancellationToken);
        if (block < 0)
        {
            return 0;
        }

        blockOfNonce[nonce] = block;
        var chainBlock = await rpc.GetBlockAsync(block, cancellationToken);
        var scanned = await scanner.ScanAsync(safe, block, block, chainBlock, cancellationToken);
        await new NonceConsistency(rpc).CheckAsync(safe, scanned, chainBlock.ParentHash, chainBlock.Hash, cancellationToken);
        var added = await database.WriteAsync(async (_, transaction) =>
        {
            var count = await ChainMirrorStore.InsertEventsAsync(transaction, scanned);
            await transaction.CommitAsync(cancellationToken);
            return count;
        }, cancellationToken);
        logger.LogWarning("Rescanned block {BlockNumber}, where the Safe used nonce {Nonce}: {Added} Safe events added to the mirror",
            block, nonce, added);
        return added;
    }

    /// <summary>The first block at or below <paramref name="final"/> whose state has the nonce past <paramref name="nonce"/>; -1 if none.</summary>
    private async Task<long> FindBlockAsync(long nonce, long final, CancellationToken cancellationToken)
    {
        var target = new BigInteger(nonce);
        if (await NonceAtAsync(final, cancellationToken) <= target)
        {
            return -1;
        }

        // Invariant: the nonce at low is at most target (nonce(-1) = 0), the nonce at high is past it.
        var (low, high) = (-1L, final);
        while (high - low > 1)
        {
            var middle = low + ((high - low) / 2);
            (low, high) = await NonceAtAsync(middle, cancellationToken) > target ? (low, middle) : (middle, high);
        }

        return high;
    }

    private Task<BigInteger> NonceAtAsync(long block, CancellationToken cancellationToken) =>
        rpc.GetSafeNonceAsync(safe, block, null, cancellationToken);
}
