using System.Globalization;
using Microsoft.Extensions.Logging;
using OssFunding.Core.Storage;
using OssFunding.Pipeline.Notices;
using OssFunding.Pipeline.Transactions;

namespace OssFunding.Pipeline.TransactionService;

/// <summary>
/// Proposes every transaction that waits to execute and that the service has not accepted from us yet: rebuilt from
/// its allocations and compared first (SPEC §2.5, a mismatch is refused and alerted), sent with the SafeTx hash as
/// <c>contractTransactionHash</c> and the proposer's signature, then recorded in <c>service_proposals</c> and moved
/// Drafted → AwaitingSignatures in one ledger transaction. The service treats a repeated proposal of the same hash as
/// success, so a crash between its answer and our write only repeats the request.
/// </summary>
public sealed class ServiceProposer(
    LedgerDatabase database,
    PaymentBatchBuilder builder,
    TransactionServiceClient client,
    ProposerKey proposer,
    NoticeOutbox outbox,
    NoticePayloads payloads,
    TimeProvider clock,
    ILogger<ServiceProposer> logger)
{
    /// <summary>The <c>origin</c> of every proposal: shown by Safe{Wallet} as where the transaction came from.</summary>
    public const string Origin = "OssFunding.Worker";

    /// <summary>
    /// Proposes what is unproposed; returns how many the service accepted. A proposal the service refuses (422) is
    /// logged and retried next run; an unreachable service or a refused API key ends the run with the exception.
    /// </summary>
    public async Task<int> ProposeAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<string> hashes;
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            hashes = await ServiceLedger.UnproposedAsync(connection, builder.Safe);
        }

        var proposed = 0;
        foreach (var hash in hashes)
        {
            if (await ProposeOneAsync(hash, cancellationToken))
            {
                proposed++;
            }
        }

        return proposed;
    }

    private async Task<bool> ProposeOneAsync(string safeTxHash, CancellationToken cancellationToken)
    {
        TransactionRow? row;
        IReadOnlyList<PaymentLine> lines;
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            row = await TransactionLedger.FindAsync(connection, null, safeTxHash);
            lines = row is null ? [] : await TransactionLedger.PaymentsAsync(connection, null, [safeTxHash]);
        }

        if (row is null || !TransactionStatuses.Cancellable.Contains(row.TransactionStatus))
        {
            return false;
        }

        var rebuilt = builder.Rebuild(row, lines);
        if (rebuilt.Built is null)
        {
            await AlertMismatchAsync(row, rebuilt.Problem!, cancellationToken);
            return false;
        }

        // Committed before the request leaves: an operator cancel from now on treats it as seen (SPEC §5).
        if (!await ClaimAsync(safeTxHash, cancellationToken))
        {
            return false;
        }

        var request = ToRequest(rebuilt.Built);
        try
        {
            await client.ProposeAsync(builder.Safe, request, cancellationToken);
        }
        catch (TransactionServiceException exception) when (exception.Failure == ServiceFailure.Rejected)
        {
            logger.LogError("Transaction Service refused the proposal of Safe tx {SafeTxHash} at nonce {Nonce}: {Reason}",
                safeTxHash, row.Nonce, exception.Message);
            return false;
        }

        await database.WriteAsync(async (_, transaction) =>
        {
            await ServiceLedger.RecordProposalAsync(transaction, safeTxHash, proposer.Address, clock.GetUtcNow());
            await TransactionLedger.TransitionAsync(transaction, safeTxHash, TransactionStatus.AwaitingSignatures,
                $"Proposed to the Safe Transaction Service by delegate {proposer.Address}; owners confirm there or through the API.",
                clock.GetUtcNow(), onlyFrom: [TransactionStatus.Drafted]);
            await transaction.CommitAsync(cancellationToken);
            return true;
        }, cancellationToken);
        logger.LogInformation("Proposed Safe tx {SafeTxHash} at nonce {Nonce} to the Transaction Service as delegate {Proposer}",
            safeTxHash, row.Nonce, proposer.Address);
        return true;
    }

    private Task<bool> ClaimAsync(string safeTxHash, CancellationToken cancellationToken) =>
        database.WriteAsync(async (_, transaction) =>
        {
            var claimed = await ServiceLedger.ClaimProposalAsync(transaction, safeTxHash, clock.GetUtcNow());
            if (claimed)
            {
                await transaction.CommitAsync(cancellationToken);
            }

            return claimed;
        }, cancellationToken);

    private ProposalRequest ToRequest(BuiltTransaction built)
    {
        var tx = built.Transaction;
        return new ProposalRequest(
            tx.To, Decimal(tx.Value), tx.Data.IsEmpty ? null : tx.DataHex, (int)tx.Operation, Decimal(tx.SafeTxGas),
            Decimal(tx.BaseGas), Decimal(tx.GasPrice), tx.GasToken, tx.RefundReceiver, Decimal(tx.Nonce), built.SafeTxHash,
            proposer.Address, proposer.SignSafeTxHash(built.SafeTxHash), Origin);
    }

    private async Task AlertMismatchAsync(TransactionRow row, string problem, CancellationToken cancellationToken)
    {
        logger.LogError("Safe tx {SafeTxHash} at nonce {Nonce} is not proposed: it does not match its allocations: {Problem}",
            row.SafeTxHash, row.Nonce, problem);
        await database.WriteAsync(async (connection, transaction) =>
        {
            var view = (await TransactionQueries.ToViewsAsync(connection, transaction, [row]))[0];
            // Same dedupe key as the signature collector's alert: one alert per transaction, whoever notices first.
            await outbox.AddAsync(transaction, NoticeKind.CalldataMismatch, row.SafeTxHash,
                payloads.ForTransaction(view, $"Safe tx {row.SafeTxHash} does not match its allocations and was not proposed: {problem}"),
                $"CalldataMismatch:{row.SafeTxHash}");
            await transaction.CommitAsync(cancellationToken);
            return true;
        }, cancellationToken);
    }

    private static string Decimal(System.Numerics.BigInteger value) => value.ToString(CultureInfo.InvariantCulture);
}
