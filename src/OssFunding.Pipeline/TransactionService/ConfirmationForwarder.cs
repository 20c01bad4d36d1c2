using Microsoft.Extensions.Logging;
using OssFunding.Core.Storage;
using OssFunding.Pipeline.Transactions;

namespace OssFunding.Pipeline.TransactionService;

/// <summary>
/// Posts owners' signatures that reached the worker itself (API or CLI) to the service's confirmations endpoint, so
/// signers in Safe{Wallet} see them. The stored signature is the outbox entry and <c>service_confirmation_deliveries</c>
/// marks it sent: delivery is at least once (a crash after the POST re-sends it; the service keeps one confirmation per
/// owner and answers 201 again). A permanent refusal (400, e.g. already executed) is recorded and not retried.
/// </summary>
public sealed class ConfirmationForwarder(
    LedgerDatabase database,
    PaymentBatchBuilder builder,
    TransactionServiceClient client,
    TimeProvider clock,
    ILogger<ConfirmationForwarder> logger)
{
    /// <summary>Forwards what is pending; returns how many the service accepted.</summary>
    public async Task<int> ForwardAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<PendingConfirmation> pending;
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            pending = await ServiceLedger.UnforwardedAsync(connection, builder.Safe);
        }

        var delivered = 0;
        foreach (var confirmation in pending)
        {
            if (await ForwardOneAsync(confirmation, cancellationToken))
            {
                delivered++;
            }
        }

        return delivered;
    }

    private async Task<bool> ForwardOneAsync(PendingConfirmation confirmation, CancellationToken cancellationToken)
    {
        try
        {
            await client.ConfirmAsync(confirmation.SafeTxHash, confirmation.Signature, cancellationToken);
        }
        catch (TransactionServiceException exception) when (exception.Failure == ServiceFailure.NotFound)
        {
            logger.LogWarning("The Transaction Service does not know Safe tx {SafeTxHash} at nonce {Nonce}; it will be proposed again, then {Owner}'s signature forwarded",
                confirmation.SafeTxHash, confirmation.Nonce, confirmation.Owner);
            await using var connection = await database.OpenAsync(cancellationToken);
            await ServiceLedger.ForgetProposalAsync(connection, confirmation.SafeTxHash);
            return false;
        }
        catch (TransactionServiceException exception) when (exception.Failure == ServiceFailure.Rejected)
        {
            logger.LogWarning("The Transaction Service refused {Owner}'s signature of Safe tx {SafeTxHash} at nonce {Nonce}: {Reason}",
                confirmation.Owner, confirmation.SafeTxHash, confirmation.Nonce, exception.Message);
            await RecordAsync(confirmation, "Refused", exception.Message, cancellationToken);
            return false;
        }

        await RecordAsync(confirmation, "Delivered", null, cancellationToken);
        logger.LogInformation("Forwarded {Owner}'s signature of Safe tx {SafeTxHash} at nonce {Nonce} to the Transaction Service",
            confirmation.Owner, confirmation.SafeTxHash, confirmation.Nonce);
        return true;
    }

    private async Task RecordAsync(PendingConfirmation confirmation, string outcome, string? detail, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await ServiceLedger.RecordDeliveryAsync(connection, confirmation, outcome, detail, clock.GetUtcNow());
    }
}
