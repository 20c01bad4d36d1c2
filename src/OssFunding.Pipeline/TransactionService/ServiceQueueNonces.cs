using System.Numerics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OssFunding.Core.Configuration;
using OssFunding.Core.Storage;
using OssFunding.Pipeline.Drafting;
using OssFunding.Pipeline.Transactions;

namespace OssFunding.Pipeline.TransactionService;

/// <summary>
/// The Transaction Service queue as a nonce source for the drafter (SPEC §5: nonce = max(on-chain, own live drafts + 1,
/// queue + 1)). Counts the queued transactions this ledger did not draft (someone proposed them in Safe{Wallet}, say):
/// ours are already counted by the drafter, and one of ours that the operator cancelled must not hold its nonce.
/// In Local mode it holds nothing. When the service cannot answer, drafting waits rather than guess.
/// </summary>
public sealed class ServiceQueueNonces(
    LedgerDatabase database,
    PaymentBatchBuilder builder,
    TransactionServiceClient client,
    IOptions<SigningOptions> signing,
    ILogger<ServiceQueueNonces> logger) : IDraftNonceSource
{
    public async Task<BigInteger?> NextFreeNonceAsync(BigInteger onChainNonce, CancellationToken cancellationToken)
    {
        if (signing.Value.Mode != SigningMode.TransactionService)
        {
            return null;
        }

        var queue = await client.GetQueueAsync(builder.Safe, onChainNonce, cancellationToken);
        IReadOnlySet<string> ours;
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            ours = await ServiceLedger.KnownAsync(connection, queue.Select(tx => tx.SafeTxHash.ToLowerInvariant()).ToList());
        }

        var foreign = queue.Where(tx => !tx.IsExecuted && tx.Nonce >= onChainNonce && !ours.Contains(tx.SafeTxHash.ToLowerInvariant())).ToList();
        if (foreign.Count == 0)
        {
            return null;
        }

        var highest = foreign.Max(tx => tx.Nonce);
        logger.LogInformation("The Transaction Service queue holds {Count} transaction(s) not drafted here, up to nonce {Nonce}; drafts start above it",
            foreign.Count, highest);
        return highest + 1;
    }
}
