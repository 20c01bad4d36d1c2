using System.Data.Common;
using System.Numerics;
using Microsoft.Extensions.Logging;
using OssFunding.Chain.Mirror;
using OssFunding.Chain.Watcher;
using OssFunding.Core.Storage;
using OssFunding.Pipeline.Chain;
using OssFunding.Pipeline.Signing;
using OssFunding.Pipeline.Transactions;

namespace OssFunding.Pipeline.Confirmation;

/// <summary>
/// Derives transaction states and payments from the chain mirror (SPEC §2.3, §5, §10): Executed as soon as the
/// execution is mirrored; Confirmed with payments recorded and allocations Paid only at final depth from matching
/// Transfer logs; Failed on a final ExecutionFailure; Superseded when the Safe's nonce at the final block passed a
/// transaction that never executed and the execution that used it is mirrored (Cancelled when it was the owners'
/// rejection). Then classifies final
/// transfers (unplanned outflows) and owner changes. Each step is a guarded write transaction of its own, so a run can
/// be killed at any line and simply run again.
/// </summary>
public sealed class Confirmer(
    LedgerDatabase database,
    ChainMirrorReader mirror,
    SafeChainReader chain,
    ChainApprovals approvals,
    TransactionDerivation derivation,
    OutflowClassifier outflows,
    NonceRescanner rescanner,
    ILogger<Confirmer> logger)
{
    public async Task<ConfirmerRun> RunAsync(CancellationToken cancellationToken)
    {
        var signatures = await approvals.ImportAsync(cancellationToken);
        var position = await mirror.GetPositionAsync(cancellationToken);
        if (position is null)
        {
            return ConfirmerRun.NotStarted(signatures);
        }

        // The watcher may have computed its final block from a head it has not mirrored up to yet.
        var final = Math.Min(position.Final, position.Checkpoint);
        var tally = new DerivationTally();
        foreach (var (row, execution) in await LiveWithExecutionsAsync(cancellationToken))
        {
            // One transaction that cannot be derived (a token removed from configuration, a log that does not decode) is
            // alerted and skipped: the others still get confirmed. A database failure ends the run (nothing to isolate).
            try
            {
                await derivation.ApplyAsync(row, execution, final, tally, cancellationToken);
            }
            catch (Exception exception) when (exception is not (OperationCanceledException or DbException))
            {
                await derivation.AlertUnderivableAsync(row, exception, cancellationToken);
            }
        }

        await SupersedeAsync(final, tally, cancellationToken);
        var (unplanned, ownerChanges) = await outflows.ClassifyAsync(final, cancellationToken);
        var run = new ConfirmerRun(position, signatures, tally.Executed, tally.Confirmed, tally.Payments, tally.Failed,
            tally.Superseded, tally.Cancelled, tally.Mismatched, tally.Held, unplanned, ownerChanges);
        if (run.HasChanges)
        {
            logger.LogInformation(
                "Confirmer at final block {BlockNumber}: {Executed} executed, {Confirmed} confirmed ({Payments} payments), {Failed} failed, {Superseded} superseded, {Cancelled} cancelled, {Unplanned} unplanned outflows",
                final, run.Executed, run.Confirmed, run.PaymentsRecorded, run.Failed, run.Superseded, run.Cancelled, run.UnplannedOutflows);
        }

        return run;
    }

    /// <summary>Live transactions with the mirrored execution of their SafeTx hash, when there is one.</summary>
    private async Task<IReadOnlyList<(TransactionRow Row, SafeExecution? Execution)>> LiveWithExecutionsAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<TransactionRow> live;
        long? firstBlock;
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            live = await TransactionLedger.ListAsync(connection, null, [.. TransactionStatuses.Pending, TransactionStatus.Executed]);
            firstBlock = await ConfirmerLedger.FirstExecutionBlockAsync(connection, chain.Safe, live.Select(row => row.SafeTxHash).ToList());
        }

        var executions = firstBlock is { } from
            ? (await mirror.GetExecutionsAsync(from, cancellationToken)).Where(e => e.SafeTxHash is not null)
                .GroupBy(e => e.SafeTxHash!, StringComparer.OrdinalIgnoreCase)
                .ToDictionary(group => group.Key, group => group.Last(), StringComparer.OrdinalIgnoreCase)
            : [];
        return live.Select(row => (row, executions.GetValueOrDefault(row.SafeTxHash))).ToList();
    }

    private async Task<NonceUse?> FindNonceUseAsync(TransactionRow row, long final, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await NonceUses.FindAsync(connection, chain.Safe, row.Nonce, final, row.SafeTxHash);
    }

    /// <summary>
    /// A transaction that has not executed while the Safe's nonce at the final block is past its own: Superseded (or
    /// Cancelled, when the owners' rejection used the nonce) only once the execution that used its nonce is found in the
    /// final mirror and is another one (SPEC §5, positive evidence). Without that execution the mirror has a gap (a node
    /// answered logs it did not have): the transaction is held with its allocations Queued, operators are alerted once,
    /// and the block where the nonce moved is read again.
    /// </summary>
    private async Task SupersedeAsync(long final, DerivationTally tally, CancellationToken cancellationToken)
    {
        if (final < 0)
        {
            return;
        }

        var waiting = (await LiveWithExecutionsAsync(cancellationToken))
            .Where(pair => pair.Execution is null && TransactionStatuses.Pending.Contains(pair.Row.TransactionStatus))
            .Select(pair => pair.Row).ToList();
        if (waiting.Count == 0)
        {
            return;
        }

        var nonce = await chain.NonceAtAsync(final, cancellationToken);
        foreach (var row in waiting.Where(row => new BigInteger(row.Nonce) < nonce))
        {
            var use = await FindNonceUseAsync(row, final, cancellationToken);
            if (use is null)
            {
                await derivation.HoldWithoutEvidenceAsync(row, final, nonce, tally, cancellationToken);
                await RescanAsync(row, final, cancellationToken);
                continue;
            }

            await (use.IsRejection
                ? derivation.CancelAsync(row, use, tally, cancellationToken)
                : derivation.SupersedeAsync(row, use, tally, cancellationToken));
        }
    }

    private async Task RescanAsync(TransactionRow row, long final, CancellationToken cancellationToken)
    {
        try
        {
            await rescanner.RescanAsync(row.Nonce, final, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogWarning(exception, "Rescan for nonce {Nonce} of Safe tx {SafeTxHash} failed; the next run tries again",
                row.Nonce, row.SafeTxHash);
        }
    }
}
