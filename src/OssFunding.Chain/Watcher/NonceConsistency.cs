using System.Numerics;
using OssFunding.Chain.Rpc;

namespace OssFunding.Chain.Watcher;

/// <summary>
/// Checks a scanned range (or a window of consecutive ranges) against the Safe's state before the checkpoint may move over it (SPEC §10): every
/// <c>execTransaction</c> raises the nonce by one and emits exactly one <c>ExecutionSuccess</c> or
/// <c>ExecutionFailure</c>, so nonce(end) − nonce(start − 1) must equal the executions the logs hold. A node that
/// answered the logs before it reached the range (<c>[]</c>), or a log answer missing the Safe's events, fails this
/// check instead of leaving a silent gap that would later read as "nobody executed this nonce".
/// </summary>
internal sealed class NonceConsistency(ChainRpc rpc)
{
    // The nonce at the end of the last range that passed, so a poll of one new range costs one state read, not two.
    private KnownNonce? last;

    public Task<string?> CheckAsync(
        string safe, ScannedRange scanned, string? startParentHash, string? endHash, CancellationToken cancellationToken) =>
        CheckAsync(safe, scanned.FromBlock, scanned.ToBlock, scanned.Executions, startParentHash, endHash, cancellationToken);

    /// <summary>
    /// Checks blocks <paramref name="fromBlock"/>..<paramref name="toBlock"/> (one range or a window of consecutive
    /// ranges) holding <paramref name="executions"/> executions in their logs. Returns the hash of
    /// <paramref name="toBlock"/> the check read the nonce at (null only below block 0).
    /// </summary>
    public async Task<string?> CheckAsync(
        string safe, long fromBlock, long toBlock, int executions, string? startParentHash, string? endHash,
        CancellationToken cancellationToken)
    {
        // Both nonces are read at blocks named by hash (EIP-1898, requireCanonical): a block no log named is looked up
        // first. A read by number is no evidence of which chain it came from: a node of the pool still on the other
        // side of a reorg answers it from its own fork, and a range missing an execution would pass against it.
        startParentHash ??= await HashOfAsync(fromBlock - 1, cancellationToken);
        endHash ??= await HashOfAsync(toBlock, cancellationToken);
        // Reusing the nonce the previous check ended on chains the checks: over consecutive windows the nonce change
        // telescopes, so every execution between the first read and the last is accounted for. It is reused only for
        // the same block hash; a rewind forgets it.
        var before = last is { } known && known.Block == fromBlock - 1 && known.Hash is not null && known.Hash == startParentHash
            ? known.Nonce
            : await rpc.GetSafeNonceAsync(safe, fromBlock - 1, startParentHash, cancellationToken);
        var after = await rpc.GetSafeNonceAsync(safe, toBlock, endHash, cancellationToken);
        if (after - before != executions)
        {
            last = null;
            WatcherMetrics.InconsistentRanges.Inc();
            throw new InconsistentRangeException(fromBlock, toBlock, before, after, executions);
        }

        last = new KnownNonce(toBlock, endHash, after);
        return endHash;
    }

    private async Task<string?> HashOfAsync(long block, CancellationToken cancellationToken) =>
        block < 0 ? null : (await rpc.GetBlockAsync(block, cancellationToken)).Hash;

    /// <summary>Forgets the remembered nonce (after a rewind the block it was read at may be gone).</summary>
    public void Forget() => last = null;

    private sealed record KnownNonce(long Block, string? Hash, BigInteger Nonce);
}

/// <summary>The logs of a range do not account for the Safe's nonce change over it: the checkpoint stays, the next poll reads it again.</summary>
public sealed class InconsistentRangeException(long fromBlock, long toBlock, BigInteger nonceBefore, BigInteger nonceAfter, int executions)
    : Exception($"Blocks {fromBlock}..{toBlock}: the Safe's nonce went from {nonceBefore} to {nonceAfter} but the logs hold " +
                $"{executions} execution(s); the node that answered eth_getLogs is behind or incomplete. The checkpoint stays; the next poll reads the range again.")
{
    public long FromBlock { get; } = fromBlock;

    public long ToBlock { get; } = toBlock;
}
