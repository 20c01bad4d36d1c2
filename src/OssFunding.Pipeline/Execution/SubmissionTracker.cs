using System.Collections.Concurrent;
using System.Numerics;
using Microsoft.Extensions.Logging;
using OssFunding.Core.Storage;
using OssFunding.Pipeline.Chain;

namespace OssFunding.Pipeline.Execution;

/// <summary>
/// Follows submitted executions until they are mined or can no longer be: a receipt marks one Mined; a sender nonce
/// used by another transaction, or a Safe nonce that moved past it, marks it Dropped. While neither has happened the
/// stored raw transaction is re-broadcast (same bytes, same hash), at most once per <see cref="RebroadcastInterval"/>
/// per process, so a node that lost it gets it again after a restart; once it is older than <c>Execution:ReplaceAfter</c>
/// it is replaced at the same sender nonce with higher fees (<see cref="FeeReplacement"/>). A replaced submission the
/// chain included after all is settled Mined, and its replacement Dropped.
/// </summary>
public sealed class SubmissionTracker(
    LedgerDatabase database, ExecutionChain chain, SafeChainReader safe, FeeReplacement replacement, TimeProvider clock,
    ILogger<SubmissionTracker> logger)
{
    public static readonly TimeSpan RebroadcastInterval = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, DateTimeOffset> lastBroadcast = new(StringComparer.Ordinal);

    /// <summary>Remembers that this process has just broadcast <paramref name="txHash"/>.</summary>
    internal void Broadcasted(string txHash) => lastBroadcast[txHash] = clock.GetUtcNow();

    /// <summary>Settles what can be settled; returns the submissions still pending.</summary>
    internal async Task<IReadOnlyList<SubmissionRow>> TrackAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<SubmissionRow> pending;
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            pending = await ExecutionSubmissions.ListAsync(connection, null, SubmissionStatus.Pending);
        }

        var stillPending = new List<SubmissionRow>();
        BigInteger? safeNonce = null;
        foreach (var submission in pending)
        {
            var lookup = await chain.ReceiptAsync(submission.TxHash, cancellationToken);
            if (lookup.Receipt is { } receipt)
            {
                await SettleMinedAsync(submission, receipt, cancellationToken);
                continue;
            }

            var senderNonce = await chain.TransactionCountAsync(submission.Sender, pending: false, cancellationToken);
            safeNonce ??= (await safe.ReadSafeAsync(cancellationToken)).Nonce;
            if (senderNonce > submission.SenderNonce || safeNonce > submission.SafeNonce)
            {
                // The nonces are read after the receipt: this submission may be what moved them, mined in between. Ask
                // again now that they have moved, so "Dropped" rests on a receipt that is absent after the fact.
                if ((await chain.ReceiptAsync(submission.TxHash, cancellationToken)).Receipt is { } late)
                {
                    await SettleMinedAsync(submission, late, cancellationToken);
                    continue;
                }

                if (await SettleReplacedMinedAsync(submission, cancellationToken))
                {
                    continue;
                }

                await SettleAsync(submission, SubmissionStatus.Dropped, cancellationToken);
                logger.LogWarning(
                    "Execution {TxHash} of Safe tx {SafeTxHash} at nonce {Nonce} dropped: sender nonce now {SenderNonce}, Safe nonce now {SafeNonce}; it will not be re-broadcast",
                    submission.TxHash, submission.SafeTxHash, submission.SafeNonce, (long)senderNonce, (long)safeNonce);
                continue;
            }

            if (await replacement.ReplaceIfDueAsync(submission, cancellationToken) is { } replaced)
            {
                Broadcasted(replaced.TxHash);
                stillPending.Add(replaced);
                continue;
            }

            await RebroadcastIfDueAsync(submission, cancellationToken);
            stillPending.Add(submission);
        }

        return stillPending;
    }

    private async Task SettleMinedAsync(SubmissionRow submission, Nethereum.RPC.Eth.DTOs.TransactionReceipt receipt, CancellationToken cancellationToken)
    {
        await SettleAsync(submission, SubmissionStatus.Mined, cancellationToken);
        var succeeded = receipt.Status?.Value == BigInteger.One;
        if (succeeded)
        {
            logger.LogInformation(
                "Execution {TxHash} of Safe tx {SafeTxHash} at nonce {Nonce} mined in block {BlockNumber}, gas used {GasUsed}",
                submission.TxHash, submission.SafeTxHash, submission.SafeNonce, (long)receipt.BlockNumber.Value, (long)receipt.GasUsed.Value);
        }
        else
        {
            logger.LogWarning(
                "Execution {TxHash} of Safe tx {SafeTxHash} at nonce {Nonce} reverted on chain in block {BlockNumber}; the Safe nonce was not used",
                submission.TxHash, submission.SafeTxHash, submission.SafeNonce, (long)receipt.BlockNumber.Value);
        }
    }

    /// <summary>
    /// When a submission this one replaced is the one the chain included: that one becomes Mined and this one Dropped,
    /// in one database transaction. False when none of them has a receipt.
    /// </summary>
    private async Task<bool> SettleReplacedMinedAsync(SubmissionRow submission, CancellationToken cancellationToken)
    {
        IReadOnlyList<SubmissionRow> earlier;
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            earlier = await ExecutionSubmissions.EarlierAtSenderNonceAsync(connection, submission);
        }

        foreach (var candidate in earlier)
        {
            if ((await chain.ReceiptAsync(candidate.TxHash, cancellationToken)).Receipt is not { } receipt)
            {
                continue;
            }

            await database.WriteAsync(async (_, transaction) =>
            {
                await ExecutionSubmissions.SettleAsync(transaction, submission.TxHash, SubmissionStatus.Dropped, clock.GetUtcNow());
                await ExecutionSubmissions.SettleReplacedAsMinedAsync(transaction, candidate.TxHash, clock.GetUtcNow());
                await transaction.CommitAsync(cancellationToken);
                return true;
            }, cancellationToken);
            logger.LogInformation(
                "Execution {TxHash} of Safe tx {SafeTxHash} at nonce {Nonce}, replaced by {ReplacementTxHash}, was mined after all in block {BlockNumber}",
                candidate.TxHash, submission.SafeTxHash, submission.SafeNonce, submission.TxHash, (long)receipt.BlockNumber.Value);
            return true;
        }

        return false;
    }

    private async Task RebroadcastIfDueAsync(SubmissionRow submission, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (lastBroadcast.TryGetValue(submission.TxHash, out var last) && now - last < RebroadcastInterval)
        {
            return;
        }

        var result = await chain.BroadcastAsync(submission.RawTransaction, cancellationToken);
        Broadcasted(submission.TxHash);
        logger.LogInformation(
            "Re-broadcast execution {TxHash} of Safe tx {SafeTxHash} at nonce {Nonce} (same signed bytes): {Answer}",
            submission.TxHash, submission.SafeTxHash, submission.SafeNonce, result.Accepted ? "accepted" : result.Refusal);
    }

    private Task<bool> SettleAsync(SubmissionRow submission, SubmissionStatus status, CancellationToken cancellationToken) =>
        database.WriteAsync(async (_, transaction) =>
        {
            await ExecutionSubmissions.SettleAsync(transaction, submission.TxHash, status, clock.GetUtcNow());
            await transaction.CommitAsync(cancellationToken);
            return true;
        }, cancellationToken);
}
