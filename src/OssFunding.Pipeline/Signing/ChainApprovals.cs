using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Logging;
using OssFunding.Core.Storage;
using OssFunding.Pipeline.Chain;
using OssFunding.Pipeline.Transactions;
using OssFunding.Safe.Signatures;

namespace OssFunding.Pipeline.Signing;

/// <summary>
/// Turns on-chain <c>approveHash</c> calls in the chain mirror into approved-hash signatures (v = 1, source 'chain') of the
/// live transactions they approve. Mirrored approvals are found by hash, so a run costs O(new approvals); a reorg that
/// removes an approval also removes the signature (<see cref="Confirmation.PipelineRewindListener"/>).
/// </summary>
public sealed class ChainApprovals(
    LedgerDatabase database, SafeChainReader chain, SignatureLedger signatures, ILogger<ChainApprovals> logger)
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

    /// <summary>Mirrored approvals of the Safe for transactions that collect signatures and do not have that owner's yet.</summary>
    private async Task<IReadOnlyList<Approval>> FindNewAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Approval>(new CommandDefinition(
            $"""
            SELECT e.owner AS Owner, e.approved_hash AS ApprovedHash, e.tx_hash AS TxHash, e.block_number AS BlockNumber
            FROM chain_safe_events e JOIN safe_transactions t ON t.safe_tx_hash = e.approved_hash AND t.safe = e.safe
            WHERE e.safe = @safe AND e.event = 'ApproveHash' AND t.status IN {SqlLists.Names([.. TransactionStatuses.Collecting, TransactionStatus.Drafted])}
              AND NOT EXISTS (SELECT 1 FROM transaction_signatures s WHERE s.safe_tx_hash = e.approved_hash AND s.owner = e.owner)
            ORDER BY e.block_number, e.log_index
            """,
            new { safe = chain.Safe },
            cancellationToken: cancellationToken));
        return rows.ToList();
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

    private sealed record Approval(string Owner, string ApprovedHash, string TxHash, long BlockNumber);
}
