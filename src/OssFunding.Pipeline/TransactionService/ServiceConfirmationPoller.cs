using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using OssFunding.Core.Storage;
using OssFunding.Pipeline.Signing;
using OssFunding.Pipeline.Transactions;

namespace OssFunding.Pipeline.TransactionService;

/// <summary>
/// Reads the confirmations the service holds for our proposed transactions that still await signatures, and passes
/// each new one through the <see cref="SignatureCollector"/> (source 'service'): the same rebuild, owner and signature
/// checks as a signature posted to the worker. The service is never trusted: a confirmation that does not verify is
/// not counted, is logged, and is not re-checked while it stays the same. Reaching the threshold makes the transaction
/// ReadyToExecute exactly as with Local signing.
/// </summary>
public sealed class ServiceConfirmationPoller(
    LedgerDatabase database,
    PaymentBatchBuilder builder,
    TransactionServiceClient client,
    SignatureCollector collector,
    ILogger<ServiceConfirmationPoller> logger)
{
    // (safeTxHash, owner, signature) of confirmations that failed verification: a forged entry costs one check, not one per poll.
    private readonly ConcurrentDictionary<(string, string, string), string> refused = new();

    /// <summary>Imports new confirmations; returns how many signatures were added to the ledger.</summary>
    public async Task<int> PollAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<ProposedTransaction> waiting;
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            waiting = await ServiceLedger.ProposedAsync(connection, builder.Safe, [TransactionStatus.AwaitingSignatures]);
        }

        var added = 0;
        foreach (var transaction in waiting)
        {
            added += await ImportAsync(transaction, cancellationToken);
        }

        return added;
    }

    private async Task<int> ImportAsync(ProposedTransaction transaction, CancellationToken cancellationToken)
    {
        IReadOnlyList<ServiceConfirmation> confirmations;
        try
        {
            confirmations = await client.GetConfirmationsAsync(transaction.SafeTxHash, cancellationToken);
        }
        catch (TransactionServiceException exception) when (exception.Failure == ServiceFailure.NotFound)
        {
            logger.LogWarning("The Transaction Service no longer knows Safe tx {SafeTxHash} at nonce {Nonce}; it will be proposed again",
                transaction.SafeTxHash, transaction.Nonce);
            await using var connection = await database.OpenAsync(cancellationToken);
            await ServiceLedger.ForgetProposalAsync(connection, transaction.SafeTxHash);
            return 0;
        }

        var added = 0;
        foreach (var confirmation in confirmations.Where(c => !transaction.SignedBy.Contains(c.Owner)))
        {
            var key = (transaction.SafeTxHash, confirmation.Owner.ToLowerInvariant(), confirmation.Signature.ToLowerInvariant());
            if (refused.ContainsKey(key))
            {
                continue;
            }

            var outcome = await collector.AddAsync(transaction.SafeTxHash, confirmation.Signature, "service", cancellationToken);
            if (outcome.Result == SignatureResult.NotCollecting)
            {
                break;
            }

            if (outcome.Result == SignatureResult.AwaitingChain)
            {
                continue; // counted by ChainApprovals once the watcher has mirrored the approval
            }

            if (!outcome.IsSuccess)
            {
                refused[key] = outcome.Message;
                TransactionServiceMetrics.ConfirmationsRefused.Inc();
                logger.LogWarning(
                    "Confirmation of Safe tx {SafeTxHash} at nonce {Nonce} that the Transaction Service attributes to {Owner} was not counted: {Reason}",
                    transaction.SafeTxHash, transaction.Nonce, confirmation.Owner, outcome.Message);
                continue;
            }

            if (!string.Equals(outcome.Owner, confirmation.Owner, StringComparison.OrdinalIgnoreCase))
            {
                logger.LogWarning(
                    "Confirmation of Safe tx {SafeTxHash} at nonce {Nonce} listed for {Owner} is a valid signature of owner {Signer}; counted for {Signer}",
                    transaction.SafeTxHash, transaction.Nonce, confirmation.Owner, outcome.Owner, outcome.Owner);
            }

            if (outcome.Result == SignatureResult.Created)
            {
                added++;
            }
        }

        return added;
    }
}
