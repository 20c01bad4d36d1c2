using System.Data.Common;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Extensions.Logging;
using OssFunding.Core.Allocations;
using OssFunding.Chain.Mirror;
using OssFunding.Pipeline.Notices;
using OssFunding.Pipeline.Signing;
using OssFunding.Pipeline.Transactions;

namespace OssFunding.Pipeline.Confirmation;

/// <summary>
/// Undoes what the pipeline derived from blocks a reorg removed, inside the watcher's rewind transaction (so the mirror and
/// the ledger move back together): approved-hash signatures seen in those blocks, executions (back to
/// AwaitingSignatures/ReadyToExecute), payments (allocations back to Queued), unplanned outflows and the confirmer's
/// checkpoint. Payments are recorded only at final depth, so that part should never run; it is correct if it must.
/// </summary>
public sealed class PipelineRewindListener(SignatureLedger signatures, NoticeOutbox outbox, NoticePayloads payloads, TimeProvider clock,
    ILogger<PipelineRewindListener> logger) : IChainRewindListener
{
    public async Task OnRewoundAsync(long ancestorBlock, DbTransaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var connection = transaction.Connection!;
        var args = new { ancestorBlock };
        var unsigned = (await connection.QueryAsync<string>(
            "SELECT DISTINCT safe_tx_hash FROM transaction_signatures WHERE source = 'chain' AND chain_block_number > @ancestorBlock",
            args, transaction)).ToList();
        await connection.ExecuteAsync(
            "DELETE FROM transaction_signatures WHERE source = 'chain' AND chain_block_number > @ancestorBlock", args, transaction);

        var unpaid = await AllocationMoves.MoveAsync(transaction, AllocationStatus.Paid, AllocationStatus.Queued,
            new AllocationSelection.PaidAfterBlock(ancestorBlock));
        await connection.ExecuteAsync("DELETE FROM payments WHERE kind = 'OnChain' AND block_number > @ancestorBlock", args, transaction);
        await connection.ExecuteAsync("DELETE FROM unplanned_outflows WHERE block_number > @ancestorBlock", args, transaction);
        await connection.ExecuteAsync(
            "UPDATE confirmer_checkpoint SET block_number = @ancestorBlock WHERE block_number > @ancestorBlock", args, transaction);

        var undone = await UndoExecutionsAsync(transaction, ancestorBlock);
        foreach (var hash in unsigned.Except(undone, StringComparer.Ordinal))
        {
            var row = await TransactionLedger.FindAsync(connection, transaction, hash);
            if (row is not null)
            {
                await signatures.EvaluateAsync(transaction, hash, OwnerList.FromJson(row.Owners), (int)row.Threshold);
            }
        }

        if (unsigned.Count + unpaid + undone.Count > 0)
        {
            logger.LogWarning(
                "Reorg to block {BlockNumber}: undid {Executions} executions, {Payments} payments and approvals of {Transactions} transactions",
                ancestorBlock, undone.Count, unpaid, unsigned.Count);
        }
    }

    /// <summary>Executed or Confirmed transactions whose execution block is gone go back to collecting signatures.</summary>
    private async Task<IReadOnlyList<string>> UndoExecutionsAsync(DbTransaction transaction, long ancestorBlock)
    {
        var connection = transaction.Connection!;
        var rows = (await TransactionLedger.ListAsync(connection, transaction,
                [TransactionStatus.Executed, TransactionStatus.Confirmed, TransactionStatus.Failed]))
            .Where(row => row.BlockNumber > ancestorBlock).ToList();
        var undone = new List<string>();
        foreach (var row in rows)
        {
            if (row.TransactionStatus == TransactionStatus.Failed)
            {
                // Failed is derived at final depth only; its allocations may already be in a new transaction.
                logger.LogError("Reorg removed final block {BlockNumber} holding the failed execution of Safe tx {SafeTxHash} at nonce {Nonce}",
                    row.BlockNumber, row.SafeTxHash, row.Nonce);
                await AlertAsync(transaction, row, "A reorg removed the final block of this transaction's failed execution; check it by hand.");
                continue;
            }

            // An original the operator cancelled goes back to Cancelling while its rejection is live: never to execution.
            var rejected = (await TransactionLedger.RejectionsOfAsync(connection, transaction, [row.SafeTxHash])).ContainsKey(row.SafeTxHash);
            var reason = rejected
                ? $"A reorg removed block {row.BlockNumber} holding its execution {row.ExecutionTxHash}; cancelled by the operator, it waits for its rejection again."
                : $"A reorg removed block {row.BlockNumber} holding its execution {row.ExecutionTxHash}; waiting to be executed again.";
            await TransactionLedger.TransitionAsync(transaction, row.SafeTxHash,
                rejected ? TransactionStatus.Cancelling : TransactionStatus.AwaitingSignatures, reason, clock.GetUtcNow());
            await TransactionLedger.SetExecutionAsync(transaction, row.SafeTxHash, null, null, null);
            await signatures.EvaluateAsync(transaction, row.SafeTxHash, OwnerList.FromJson(row.Owners), (int)row.Threshold);
            await AlertAsync(transaction, row, reason);
            undone.Add(row.SafeTxHash);
        }

        return undone;
    }

    private async Task AlertAsync(DbTransaction transaction, TransactionRow row, string summary)
    {
        var current = await TransactionLedger.FindAsync(transaction.Connection!, transaction, row.SafeTxHash);
        var view = (await TransactionQueries.ToViewsAsync(transaction.Connection!, transaction, [current!]))[0];
        var payload = payloads.ForTransaction(view, summary);
        payload["removedBlock"] = JsonValue.Create(row.BlockNumber);
        await outbox.AddAsync(transaction, NoticeKind.ReorgUndone, row.SafeTxHash, payload);
    }
}
