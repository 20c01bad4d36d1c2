using Microsoft.Extensions.Logging;
using OssFunding.Chain.Mirror;
using OssFunding.Chain.Rpc;
using OssFunding.Core.Storage;

namespace OssFunding.Chain.Watcher;

/// <summary>Where a rewind goes: the highest block still canonical (hash null when nothing stored survives).</summary>
internal sealed record RewindTarget(long Number, string? Hash);

/// <summary>
/// Compares stored block hashes with the canonical chain. On a mismatch it walks back through the stored hashes,
/// newest first, to the common ancestor. A mismatch is first confirmed by a second, independent answer, so one
/// lying response cannot make the watcher throw away what it recorded.
/// </summary>
internal sealed class ReorgDetector(ChainRpc rpc, LedgerDatabase database, ILogger logger)
{
    private const int MaxWalkBack = 10_000;

    /// <returns>Null when <paramref name="anchor"/> is still canonical, else where to rewind to.</returns>
    public async Task<RewindTarget?> CheckAsync(
        string safe, KnownBlock anchor, ChainBlock head, long startBlock, long storedFinal, CancellationToken cancellationToken)
    {
        var canonical = await CanonicalHashAsync(anchor.Number, head, cancellationToken);
        if (canonical == anchor.Hash)
        {
            return null;
        }

        await ConfirmAsync(anchor.Number, canonical, head, cancellationToken);
        logger.LogWarning("Reorg: block {BlockNumber} is now {CanonicalHash}, the mirror holds {StoredHash}",
            anchor.Number, canonical, anchor.Hash);

        IReadOnlyList<KnownBlock> candidates;
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            candidates = await ChainMirrorStore.KnownBlocksAsync(connection, safe, anchor.Number - 1, MaxWalkBack);
        }

        foreach (var block in candidates)
        {
            if (await CanonicalHashAsync(block.Number, head, cancellationToken) == block.Hash)
            {
                return new RewindTarget(block.Number, block.Hash);
            }

            if (block.Number <= storedFinal)
            {
                throw new ReorgTooDeepException(block.Number, storedFinal);
            }
        }

        if (candidates.Count == MaxWalkBack)
        {
            throw new ReorgTooDeepException(candidates[^1].Number, storedFinal);
        }

        return new RewindTarget(startBlock - 1, null);
    }

    private async Task<string> CanonicalHashAsync(long number, ChainBlock head, CancellationToken cancellationToken) =>
        number == head.Number ? head.Hash
        : number == head.Number - 1 ? head.ParentHash
        : (await rpc.GetBlockAsync(number, cancellationToken)).Hash;

    /// <summary>Asks a second way: the block itself when the hash came from the head, else its child's parent hash.</summary>
    private async Task ConfirmAsync(long number, string canonical, ChainBlock head, CancellationToken cancellationToken)
    {
        var confirmed = number >= head.Number - 1
            ? (await rpc.GetBlockAsync(number, cancellationToken)).Hash
            : (await rpc.GetBlockAsync(number + 1, cancellationToken)).ParentHash;
        if (confirmed != canonical)
        {
            throw new BadRpcAnswerException(RpcMethods.GetBlockByNumber, "reorg check",
                $"block {number} is {canonical} in one answer and {confirmed} in another");
        }
    }
}

/// <summary>The chain replaced blocks the mirror already considered final: an operator must look.</summary>
public sealed class ReorgTooDeepException(long blockNumber, long finalBlock)
    : Exception($"Reorg reaches block {blockNumber}, at or below the final block {finalBlock}: refusing to rewind final history.");
