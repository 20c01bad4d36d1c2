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
/// transaction that never executed (Cancelled when the owners' rejection used that nonce). Then classifies final
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
            await derivation.ApplyAsync(row, execution, final, tally, cancellationToken);
        }

        await SupersedeAsync(final, tally, cancellationToken);
        var (unplanned, ownerChanges) = await outflows.ClassifyAsync(final, cancellationToken);
        var run = new ConfirmerRun(position, signatures, tally.Executed, tally.Confirmed, tally.Payments, tally.Failed,
            tally.Superseded, tally.Cancelled, tally.Mismatched, unplanned, ownerChanges);
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

    private async Task<OnChainRejection?> FindRejectionAsync(TransactionRow row, long final, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await OnChainRejections.FindAsync(connection, chain.Safe, row.Nonce, final);
    }

    /// <summary>
    /// A transaction that has not executed while the Safe's nonce at the final block is past its own can never execute:
    /// another transaction used its nonce, final on chain. When that transaction was the owners' rejection, it is Cancelled
    /// instead of Superseded.
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
            var rejection = await FindRejectionAsync(row, final, cancellationToken);
            await (rejection is null
                ? derivation.SupersedeAsync(row, final, nonce, tally, cancellationToken)
                : derivation.CancelAsync(row, rejection, tally, cancellationToken));
        }
    }
}
