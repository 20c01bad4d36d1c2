using System.Data.Common;
using Dapper;
using OssFunding.Core.Ledger;
using OssFunding.Pipeline.Notices;
using OssFunding.Pipeline.Transactions;
using OssFunding.Safe.Signatures;
using OssFunding.Safe.Transactions;

namespace OssFunding.Pipeline.Signing;

/// <summary>A verified signature on its way into <c>transaction_signatures</c>.</summary>
internal sealed record NewSignature(
    string SafeTxHash, string Owner, SafeSignatureType Type, string SignatureHex, string Source, string? ChainTxHash, long? ChainBlockNumber);

/// <summary>
/// Stores signatures (one per owner per transaction) and moves a transaction between AwaitingSignatures and
/// ReadyToExecute as the count of current owners' signatures crosses the threshold, with the notice in the same transaction.
/// </summary>
public sealed class SignatureLedger(NoticeOutbox outbox, NoticePayloads payloads, TimeProvider clock)
{
    /// <summary>Inserts unless the owner already signed; returns false (nothing written) when they had.</summary>
    internal async Task<bool> InsertAsync(DbTransaction transaction, NewSignature signature) =>
        await transaction.Connection!.ExecuteAsync(
            """
            INSERT INTO transaction_signatures (safe_tx_hash, owner, signature_type, signature, source, chain_tx_hash,
                                                chain_block_number, created_at)
            VALUES (@SafeTxHash, @Owner, @Type, @SignatureHex, @Source, @ChainTxHash, @ChainBlockNumber, @CreatedAt)
            ON CONFLICT (safe_tx_hash, owner) DO NOTHING
            """,
            new
            {
                signature.SafeTxHash, Owner = EthAddress.Normalize(signature.Owner, nameof(signature)), Type = signature.Type.ToString(), signature.SignatureHex, signature.Source,
                signature.ChainTxHash, signature.ChainBlockNumber, CreatedAt = LedgerTime.ToStored(clock.GetUtcNow()),
            },
            transaction) == 1;

    /// <summary>
    /// Records the current owners and threshold on the transaction, then sets AwaitingSignatures or ReadyToExecute from the
    /// number of current owners who signed. Returns the status it is in afterwards.
    /// </summary>
    internal async Task<TransactionStatus> EvaluateAsync(
        DbTransaction transaction, string safeTxHash, IReadOnlyList<string> owners, int threshold)
    {
        var connection = transaction.Connection!;
        // Row lock first (a no-op when the caller already holds it): the count below and the transition it decides are
        // made by one writer at a time, so the threshold is crossed, and its notice written, exactly once.
        await TransactionLocks.LockAsync(transaction, safeTxHash);
        await TransactionLedger.SetOwnersAsync(transaction, safeTxHash, owners, threshold);
        var row = await TransactionLedger.FindAsync(connection, transaction, safeTxHash)
                  ?? throw new InvalidOperationException($"Safe tx {safeTxHash} is not in the ledger.");
        if (!TransactionStatuses.Collecting.Contains(row.TransactionStatus) && row.TransactionStatus != TransactionStatus.Drafted)
        {
            return row.TransactionStatus;
        }

        var signatures = await TransactionLedger.SignaturesAsync(connection, transaction, [safeTxHash]);
        var ownerSet = owners.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var valid = signatures.Count(signature => ownerSet.Contains(signature.Owner));
        var target = valid >= threshold ? TransactionStatus.ReadyToExecute : TransactionStatus.AwaitingSignatures;
        if (row.TransactionStatus == target || row.TransactionStatus == TransactionStatus.Drafted && target == TransactionStatus.AwaitingSignatures)
        {
            return row.TransactionStatus;
        }

        var reason = target == TransactionStatus.ReadyToExecute
            ? $"{valid} of {threshold} required owner signatures collected."
            : $"Only {valid} of {threshold} required signatures are from current owners.";
        await TransactionLedger.TransitionAsync(transaction, safeTxHash, target, reason, clock.GetUtcNow());
        if (target == TransactionStatus.ReadyToExecute)
        {
            var updated = await TransactionLedger.FindAsync(connection, transaction, safeTxHash);
            var view = (await TransactionQueries.ToViewsAsync(connection, transaction, [updated!]))[0];
            await outbox.AddAsync(transaction, NoticeKind.ReadyToExecute, safeTxHash, payloads.ForTransaction(view,
                $"Safe tx nonce {view.Nonce} has {valid}/{threshold} signatures and can be executed."));
        }

        return target;
    }
}
