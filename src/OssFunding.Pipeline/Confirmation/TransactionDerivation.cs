using System.Data.Common;
using System.Globalization;
using System.Numerics;
using Microsoft.Extensions.Logging;
using OssFunding.Core.Allocations;
using OssFunding.Chain.Mirror;
using OssFunding.Core.Storage;
using OssFunding.Pipeline.Cancellation;
using OssFunding.Pipeline.Chain;
using OssFunding.Pipeline.Notices;
using OssFunding.Pipeline.Transactions;

namespace OssFunding.Pipeline.Confirmation;

/// <summary>Counts of what a confirmer run changed.</summary>
internal sealed class DerivationTally
{
    public int Executed { get; set; }
    public int Confirmed { get; set; }
    public int Payments { get; set; }
    public int Failed { get; set; }
    public int Superseded { get; set; }
    public int Cancelled { get; set; }
    public int Mismatched { get; set; }
    public int Held { get; set; }
}

/// <summary>
/// The state changes the chain proves for one transaction, each in one guarded write transaction with its notice.
/// A guard that no longer holds (another run got there first) rolls the whole step back.
/// </summary>
public sealed class TransactionDerivation(
    LedgerDatabase database, TokenUnits tokens, NoticeOutbox outbox, NoticePayloads payloads, TimeProvider clock,
    ILogger<TransactionDerivation> logger)
{
    internal Task ApplyAsync(TransactionRow row, SafeExecution? execution, long final, DerivationTally tally, CancellationToken cancellationToken)
    {
        if (execution is null)
        {
            return Task.CompletedTask;
        }

        var isFinal = execution.BlockNumber <= final;
        return execution.Success
            ? SucceededAsync(row, execution, isFinal, tally, cancellationToken)
            : isFinal ? FailedAsync(row, execution, tally, cancellationToken) : Task.CompletedTask;
    }

    /// <summary>Another execution, found final on chain, used this transaction's nonce: Superseded (SPEC §5).</summary>
    internal Task SupersedeAsync(TransactionRow row, NonceUse use, DerivationTally tally, CancellationToken cancellationToken)
    {
        var reason = string.Create(CultureInfo.InvariantCulture,
            $"Safe tx {use.SafeTxHash ?? "(SafeTx hash not mirrored)"} executed in {use.TxHash} (block {use.BlockNumber}): another transaction used nonce {row.Nonce}.");
        return ReturnAllocationsAsync(row, TransactionStatus.Superseded, NoticeKind.TxSuperseded, reason, null, () => tally.Superseded++, cancellationToken);
    }

    /// <summary>
    /// Owners executed a rejection at this transaction's nonce: it is Cancelled (SPEC §5). The notice reuses the superseded
    /// kind (no channel renders a cancellation of its own); its summary says the owners rejected it on chain.
    /// </summary>
    internal Task CancelAsync(TransactionRow row, NonceUse rejection, DerivationTally tally, CancellationToken cancellationToken)
    {
        var reason = string.Create(CultureInfo.InvariantCulture,
            $"Rejected on chain: the owners executed rejection {rejection.SafeTxHash ?? "(SafeTx hash not mirrored)"} at nonce {row.Nonce} in {rejection.TxHash} (block {rejection.BlockNumber}).");
        return ReturnAllocationsAsync(row, TransactionStatus.Cancelled, NoticeKind.TxSuperseded, reason, null, () => tally.Cancelled++, cancellationToken);
    }

    /// <summary>
    /// The Safe's nonce passed this transaction's but no execution that used it is mirrored: missing evidence, never a
    /// reason to release its allocations (they stay Queued, the status stays). The reason is shown and operators are
    /// alerted once per nonce value seen.
    /// </summary>
    internal Task HoldWithoutEvidenceAsync(
        TransactionRow row, long final, BigInteger nonceAtFinal, DerivationTally tally, CancellationToken cancellationToken) =>
        WriteAsync(async transaction =>
        {
            var reason = string.Create(CultureInfo.InvariantCulture,
                $"The Safe's nonce at final block {final} is {nonceAtFinal}, past this transaction's nonce {row.Nonce}, but no execution that used nonce {row.Nonce} is mirrored: a watcher inconsistency (an RPC node answered logs it did not have). Its allocations stay Queued; the block where the nonce moved is read again.");
            if (!await AlertOnceAsync(transaction, row, reason, NoticeKind.NonceWithoutExecution, $"NonceWithoutExecution:{row.SafeTxHash}:{row.Nonce}"))
            {
                return false;
            }

            tally.Held++;
            logger.LogError("Safe tx {SafeTxHash} at nonce {Nonce}: {Reason}", row.SafeTxHash, row.Nonce, reason);
            return true;
        }, cancellationToken);

    /// <summary>Deriving this transaction threw: its state stays as it is, operators are alerted once per distinct error.</summary>
    internal Task AlertUnderivableAsync(TransactionRow row, Exception exception, CancellationToken cancellationToken) =>
        WriteAsync(async transaction =>
        {
            var reason = $"Its on-chain state could not be derived, so it was skipped this run: {exception.Message}";
            if (!await AlertOnceAsync(transaction, row, reason, NoticeKind.ConfirmationBlocked,
                    $"ConfirmationBlocked:{row.SafeTxHash}:{exception.GetType().Name}:{exception.Message}"))
            {
                return false;
            }

            logger.LogError(exception, "Safe tx {SafeTxHash} at nonce {Nonce} skipped by the confirmer: {Reason}", row.SafeTxHash, row.Nonce, reason);
            return true;
        }, cancellationToken);

    private Task<bool> FailedAsync(TransactionRow row, SafeExecution execution, DerivationTally tally, CancellationToken cancellationToken)
    {
        var reason = string.Create(CultureInfo.InvariantCulture,
            $"ExecutionFailure in {execution.TxHash} (block {execution.BlockNumber}): the Safe used nonce {row.Nonce} but the payments did not run.");
        return ReturnAllocationsAsync(row, TransactionStatus.Failed, NoticeKind.TxFailed, reason, execution, () => tally.Failed++, cancellationToken);
    }

    /// <summary>
    /// The transaction ended without paying: its allocations go back to Approved, or are Cancelled when the operator
    /// cancelled it asking for that (read inside the write, SPEC §5).
    /// </summary>
    private Task<bool> ReturnAllocationsAsync(
        TransactionRow row, TransactionStatus target, NoticeKind kind, string reason, SafeExecution? execution, Action count,
        CancellationToken cancellationToken) =>
        WriteAsync(async transaction =>
        {
            var current = await TransactionLedger.FindAsync(transaction.Connection!, transaction, row.SafeTxHash);
            var cancelAllocations = current?.CancelAllocations == 1;
            var full = row.IsRejection
                ? $"{reason} It was the operator's rejection of {row.RejectsSafeTxHash}."
                : $"{reason} {(cancelAllocations ? "Its allocations are cancelled with it, as the operator asked." : "Its allocations are back to Approved.")}";
            var now = clock.GetUtcNow();
            if (!await TransactionLedger.TransitionAsync(transaction, row.SafeTxHash, target, full, now))
            {
                return false;
            }

            if (execution is not null)
            {
                await TransactionLedger.SetExecutionAsync(transaction, row.SafeTxHash, execution.TxHash, execution.BlockNumber, execution.BlockHash);
            }

            await CancelLedger.ReleaseAllocationsAsync(transaction, row.SafeTxHash, cancelAllocations,
                $"Cancelled with Safe tx {row.SafeTxHash} by the operator ({target}).", now);
            await NotifyAsync(transaction, row.SafeTxHash, kind, full);
            count();
            logger.LogWarning("Safe tx {SafeTxHash} at nonce {Nonce} is {Status}: {Reason}", row.SafeTxHash, row.Nonce, target, full);
            return true;
        }, cancellationToken);

    private async Task SucceededAsync(
        TransactionRow row, SafeExecution execution, bool isFinal, DerivationTally tally, CancellationToken cancellationToken)
    {
        if (TransactionStatuses.Pending.Contains(row.TransactionStatus))
        {
            await WriteAsync(async transaction =>
            {
                var reason = $"Executed in {execution.TxHash} (block {execution.BlockNumber}); payments are recorded at final depth.";
                if (!await TransactionLedger.TransitionAsync(transaction, row.SafeTxHash, TransactionStatus.Executed, reason, clock.GetUtcNow()))
                {
                    return false;
                }

                await TransactionLedger.SetExecutionAsync(transaction, row.SafeTxHash, execution.TxHash, execution.BlockNumber, execution.BlockHash);
                await NotifyAsync(transaction, row.SafeTxHash, NoticeKind.TxExecuted, reason);
                tally.Executed++;
                logger.LogInformation("Safe tx {SafeTxHash} at nonce {Nonce} executed in {TxHash} (block {BlockNumber})",
                    row.SafeTxHash, row.Nonce, execution.TxHash, execution.BlockNumber);
                return true;
            }, cancellationToken);
        }

        if (isFinal)
        {
            await ConfirmAsync(row, execution, tally, cancellationToken);
        }
    }

    private Task<bool> ConfirmAsync(TransactionRow row, SafeExecution execution, DerivationTally tally, CancellationToken cancellationToken) =>
        WriteAsync(async transaction =>
        {
            var connection = transaction.Connection!;
            var lines = await TransactionLedger.PaymentsAsync(connection, transaction, [row.SafeTxHash]);
            var expected = lines.Select(line => new ExpectedPayment(line.AllocationId, line.DraftRecipient, line.DraftToken, line.DraftAmount)).ToList();
            var (matches, problem) = PaymentMatcher.Match(expected, execution.Transfers, row.Safe, tokens);
            if (matches is null)
            {
                return await RecordMismatchAsync(transaction, row, execution, problem!, tally);
            }

            var now = clock.GetUtcNow();
            var reason = $"Final in block {execution.BlockNumber}: {matches.Count} payment(s) recorded from Transfer logs of {execution.TxHash}.";
            if (!await TransactionLedger.TransitionAsync(transaction, row.SafeTxHash, TransactionStatus.Confirmed, reason, now))
            {
                return false;
            }

            foreach (var match in matches)
            {
                await ConfirmerLedger.InsertPaymentAsync(transaction, row.SafeTxHash, match, now);
            }

            var paid = await AllocationMoves.MoveAsync(transaction, AllocationStatus.Queued, AllocationStatus.Paid,
                new AllocationSelection.OfTransaction(row.SafeTxHash));
            if (paid != matches.Count)
            {
                throw new InvalidOperationException(
                    $"Safe tx {row.SafeTxHash}: {matches.Count} payments matched but {paid} allocations were Queued; nothing recorded.");
            }

            await NotifyAsync(transaction, row.SafeTxHash, NoticeKind.TxConfirmed, reason);
            tally.Confirmed++;
            tally.Payments += matches.Count;
            logger.LogInformation("Safe tx {SafeTxHash} at nonce {Nonce} confirmed: {Payments} payments recorded", row.SafeTxHash, row.Nonce, matches.Count);
            return true;
        }, cancellationToken);

    /// <summary>The execution is final but its logs do not prove the payments: nothing is recorded, the reason is visible, operators are alerted once.</summary>
    private async Task<bool> RecordMismatchAsync(
        DbTransaction transaction, TransactionRow row, SafeExecution execution, string problem, DerivationTally tally)
    {
        var reason = $"Executed in {execution.TxHash} but not recorded as paid: {problem}";
        if (!await AlertOnceAsync(transaction, row, reason, NoticeKind.PaymentMismatch, $"PaymentMismatch:{row.SafeTxHash}:{execution.TxHash}"))
        {
            return false;
        }

        tally.Mismatched++;
        logger.LogError("Safe tx {SafeTxHash} at nonce {Nonce}: {Reason}", row.SafeTxHash, row.Nonce, reason);
        return true;
    }

    /// <summary>
    /// Shows <paramref name="reason"/> on the transaction (its status unchanged) and raises the alert, unless that very
    /// reason is already shown: the same condition seen by every run alerts once.
    /// </summary>
    private async Task<bool> AlertOnceAsync(DbTransaction transaction, TransactionRow row, string reason, NoticeKind kind, string dedupeKey)
    {
        var current = await TransactionLedger.FindAsync(transaction.Connection!, transaction, row.SafeTxHash);
        if (current?.StatusReason == reason)
        {
            return false;
        }

        await TransactionLedger.SetReasonAsync(transaction, row.SafeTxHash, reason, clock.GetUtcNow());
        await NotifyAsync(transaction, row.SafeTxHash, kind, reason, dedupeKey);
        return true;
    }

    private async Task NotifyAsync(DbTransaction transaction, string safeTxHash, NoticeKind kind, string summary, string? dedupeKey = null)
    {
        var row = await TransactionLedger.FindAsync(transaction.Connection!, transaction, safeTxHash);
        var view = (await TransactionQueries.ToViewsAsync(transaction.Connection!, transaction, [row!]))[0];
        await outbox.AddAsync(transaction, kind, safeTxHash, payloads.ForTransaction(view, summary), dedupeKey);
    }

    /// <summary>Runs one step in a write transaction; commits only when the step returns true.</summary>
    private Task<bool> WriteAsync(Func<DbTransaction, Task<bool>> step, CancellationToken cancellationToken) =>
        database.WriteAsync(async (_, transaction) =>
        {
            var changed = await step(transaction);
            if (changed)
            {
                await transaction.CommitAsync(cancellationToken);
            }

            return changed;
        }, cancellationToken);
}
