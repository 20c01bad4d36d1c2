using System.Numerics;

namespace OssFunding.Pipeline.Drafting;

/// <summary>
/// Somewhere besides the chain and the ledger that holds Safe nonces a new draft must not reuse (SPEC §5: the
/// Transaction Service queue). The drafter takes the highest of the on-chain nonce, its own live drafts + 1 and every
/// registered source; a source that cannot answer throws, and the draft waits for the next run.
/// </summary>
public interface IDraftNonceSource
{
    /// <summary>The lowest nonce this source leaves free, or null when it holds none at or above <paramref name="onChainNonce"/>.</summary>
    Task<BigInteger?> NextFreeNonceAsync(BigInteger onChainNonce, CancellationToken cancellationToken);
}
