using System.Data.Common;
using Microsoft.Extensions.Logging;
using OssFunding.Chain.Mirror;
using OssFunding.Core.Storage;
using OssFunding.Pipeline.Chain;
using OssFunding.Pipeline.Transactions;
using OssFunding.Safe.Signatures;

namespace OssFunding.Pipeline.Signing;

/// <summary>
/// Turns on-chain <c>approveHash</c> calls in the chain mirror into approved-hash signatures (v = 1, source 'chain') of the
/// live transactions they approve. Approvals are looked up for the live transactions only, so a run costs O(live
/// transactions) whatever the mirror holds; a reorg that removes an approval also removes the signature
/// (<see cref="Confirmation.PipelineRewindListener"/>).
/// </summary>
public sealed class ChainApprovals(
    LedgerDatabase database, ChainMirrorReader mirror, SafeChainReader chain, SignatureLedger signatures, ILogger<ChainApprovals> logger)
{
    /// <summary>Imports new approvals; returns how many signatures were added.</summary>
    public async Task<int> ImportAsync(CancellationToken cancellationToken)
    {
        var candidates = await FindNewAsync(cancellationToken);
        if (candidates.Count == 0)
        {
            return 0;
        }

        var safe = await chain.ReadSafeAsync(cancellationToken);
        var owners = safe.Owners.ToHashSet(StringComparer.OrdinalIgnoreCase);
        return await database.WriteAsync(async (connection, transaction) =>
        {
            // Row locks first, all of them in one hash-ordered statement (the order every writer keeps), then the status
            // read again under the lock: an approval never lands on a row cancelled or executed since it was found.
            var hashes = candidates.Select(approval => approval.ApprovedHash).Distinct(StringComparer.Ordinal).ToList();
            await TransactionLocks.LockAsync(transaction, hashes);
            var collecting = await CollectingAsync(connection, transaction, hashes);
            var added = 0;
            foreach (var approval in candidates.Where(approval => owners.Contains(approval.Owner) && collecting.Contains(approval.ApprovedHash)))
            {
                var signature = new NewSignature(approval.ApprovedHash, approval.Owner, SafeSignatureType.ApprovedHash,
                    SafeSignature.ApprovedHash(approval.Owner).ToHex(), "chain", approval.TxHash, approval.BlockNumber);
                if (await signatures.InsertAsync(transaction, signature))
                {
                    added++;
                    logger.LogInformation("On-chain approveHash by {Owner} in block {BlockNumber} counts as a signature for Safe tx {SafeTxHash}",
                        approval.Owner, approval.BlockNumber, approval.ApprovedHash);
                }
            }

            foreach (var hash in hashes.Where(collecting.Contains))
            {
                await signatures.EvaluateAsync(transaction, hash, safe.Owners, safe.Threshold);
            }

            await transaction.CommitAsync(cancellationToken);
            return added;
        }, cancellationToken);
    }

    /// <summary>Mirrored approvals of transactions that take signatures (Drafted or collecting) by owners who have not signed them yet.</summary>
    private async Task<IReadOnlyList<HashApproval>> FindNewAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var live = (await TransactionLedger.ListAsync(connection, null, [.. TransactionStatuses.Collecting, TransactionStatus.Drafted]))
            .Select(row => row.SafeTxHash).ToList();
        if (live.Count == 0)
        {
            return [];
        }

        var signed = (await TransactionLedger.SignaturesAsync(connection, null, live))
            .Select(signature => (signature.SafeTxHash, signature.Owner.ToUpperInvariant())).ToHashSet();
        var approvals = await mirror.GetHashApprovalsOfAsync(live, cancellationToken);
        return approvals.Where(approval => !signed.Contains((approval.ApprovedHash, approval.Owner.ToUpperInvariant()))).ToList();
    }

    /// <summary>Which of <paramref name="hashes"/> still take signatures (Drafted or collecting), read inside the write.</summary>
    private static async Task<HashSet<string>> CollectingAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<string> hashes)
    {
        var collecting = new HashSet<string>(StringComparer.Ordinal);
        foreach (var hash in hashes)
        {
            var row = await TransactionLedger.FindAsync(connection, transaction, hash);
            if (row is not null && (TransactionStatuses.Collecting.Contains(row.TransactionStatus) || row.TransactionStatus == TransactionStatus.Drafted))
            {
                collecting.Add(hash);
            }
        }

        return collecting;
    }

}
