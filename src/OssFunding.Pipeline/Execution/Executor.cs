using System.Globalization;
using System.Numerics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Nethereum.Contracts;
using OssFunding.Core.Configuration;
using OssFunding.Core.Storage;
using OssFunding.Pipeline.Chain;
using OssFunding.Pipeline.Signing;
using OssFunding.Pipeline.Testing;
using OssFunding.Pipeline.Transactions;
using OssFunding.Safe.Contracts;
using OssFunding.Safe.Contracts.Abi;
using OssFunding.Safe.Signatures;
using OssFunding.Safe.Transactions;

namespace OssFunding.Pipeline.Execution;

/// <summary>
/// The optional executor (<c>Execution:Mode=Executor</c>, SPEC §3): submits <c>execTransaction</c> for the
/// ReadyToExecute transaction at the Safe's current nonce, with a key that is not an owner. Per run: settle earlier
/// submissions; rebuild the calldata from the allocations and compare (SPEC §2.5); verify the stored signatures again and
/// pack a threshold of those that still hold (<see cref="ExecutionSignatures"/>); simulate
/// (a revert such as GS013 or GS026 leaves the transaction ReadyToExecute and alerts once); sign offline with EIP-1559
/// fees and gas limit = estimate × <c>Execution:GasLimitMargin</c>; store the raw transaction, then broadcast it (persist
/// before publish). Whether it executed is the watcher's to say: the executor never changes a transaction's status.
/// </summary>
public sealed class Executor(
    LedgerDatabase database,
    SafeChainReader safe,
    RpcSignatureChainReader signatureReads,
    ExecutionChain chain,
    PaymentBatchBuilder builder,
    SubmissionTracker tracker,
    ExecutionAlerts alerts,
    ExecutorKey key,
    IOptions<ExecutionOptions> options,
    IOptions<ChainOptions> chainOptions,
    FailPoints failPoints,
    TimeProvider clock,
    ILogger<Executor> logger)
{
    /// <summary>Executions of one Safe transaction that may revert on chain before the executor stops trying it.</summary>
    public const int MaxRevertedAttempts = 2;

    public string Address => key.Address;

    public async Task<ExecutorRun> RunAsync(CancellationToken cancellationToken)
    {
        var pending = await tracker.TrackAsync(cancellationToken);
        if (pending.Count > 0)
        {
            var waiting = pending[0];
            return new ExecutorRun(ExecutorOutcome.AwaitingReceipt,
                $"Execution {waiting.TxHash} of Safe tx {waiting.SafeTxHash} (nonce {waiting.SafeNonce}) is not mined yet.", waiting.SafeTxHash, waiting.TxHash);
        }

        IReadOnlyList<TransactionRow> ready;
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            ready = await TransactionLedger.ListAsync(connection, null, [TransactionStatus.ReadyToExecute]);
        }

        if (ready.Count == 0)
        {
            await alerts.ClearAsync(cancellationToken);
            return new ExecutorRun(ExecutorOutcome.NothingReady, "No Safe transaction is ReadyToExecute.");
        }

        var state = await safe.ReadSafeAsync(cancellationToken);
        var next = ready.FirstOrDefault(row => new BigInteger(row.Nonce) == state.Nonce);
        if (next is null)
        {
            // A ready transaction away from the Safe's nonce is normally queued behind another; but one whose stored
            // nonce was changed would wait there silently, so a ready one that no longer rebuilds is alerted now.
            var tampered = await FirstNotRebuildingAsync(ready, cancellationToken);
            if (tampered is not null)
            {
                return await BlockAsync(tampered.Value.Row, $"its calldata does not match its allocations: {tampered.Value.Problem}", cancellationToken);
            }

            await alerts.ClearAsync(cancellationToken);
            return new ExecutorRun(ExecutorOutcome.NothingReady, string.Create(CultureInfo.InvariantCulture,
                $"The Safe's nonce is {state.Nonce}; ready transactions have nonces {string.Join(", ", ready.Select(r => r.Nonce).Order())}."));
        }

        return await ExecuteAsync(next, state, cancellationToken);
    }

    private async Task<ExecutorRun> ExecuteAsync(TransactionRow row, SafeState state, CancellationToken cancellationToken)
    {
        if (state.Owners.Contains(key.Address, StringComparer.OrdinalIgnoreCase))
        {
            return await BlockAsync(row, $"the executor account {key.Address} is an owner of the Safe; the worker never executes with an owner key (SPEC §2.4)", cancellationToken);
        }

        IReadOnlyList<PaymentLine> lines;
        TransactionView view;
        int reverted;
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            lines = await TransactionLedger.PaymentsAsync(connection, null, [row.SafeTxHash]);
            view = (await TransactionQueries.ToViewsAsync(connection, null, [row]))[0];
            reverted = await ExecutionSubmissions.CountMinedAsync(connection, null, row.SafeTxHash);
        }

        var rebuilt = builder.Rebuild(row, lines);
        if (rebuilt.Built is null)
        {
            return await BlockAsync(row, $"its calldata does not match its allocations: {rebuilt.Problem}", cancellationToken);
        }

        if (reverted >= MaxRevertedAttempts)
        {
            return await BlockAsync(row, string.Create(CultureInfo.InvariantCulture,
                $"{reverted} earlier executions were mined but reverted and the Safe nonce is still {state.Nonce}; execute it by hand after finding why"), cancellationToken);
        }

        var context = new SignatureCheckContext(
            builder.Domain, rebuilt.Built.Transaction, state.Owners, state.Threshold, SafeVersions.Parse(state.Version), key.Address);
        var selection = await ExecutionSignatures.SelectAsync(signatureReads, view, context, cancellationToken);
        if (selection.Packed is null)
        {
            return await BlockAsync(row, $"its signatures do not meet the current threshold: {selection.Describe()}", cancellationToken);
        }

        if (selection.Refused.Count > 0)
        {
            logger.LogWarning("Safe tx {SafeTxHash} at nonce {Nonce} executes without stored signatures that no longer verify: {Refused}",
                row.SafeTxHash, row.Nonce, string.Join("; ", selection.Refused));
        }

        var function = rebuilt.Built.Transaction.ToExecTransaction(selection.Packed);
        var simulation = await chain.SimulateAsync(builder.Safe, key.Address, function, cancellationToken);
        if (simulation.Reverted)
        {
            return await BlockAsync(row, $"simulating execTransaction reverts with {simulation.RevertReason}", cancellationToken);
        }

        await alerts.ClearAsync(cancellationToken);
        return await SubmitAsync(row, function, simulation.Gas, cancellationToken);
    }

    private async Task<ExecutorRun> SubmitAsync(TransactionRow row, ExecTransactionFunction function, BigInteger estimate, CancellationToken cancellationToken)
    {
        var fees = ExecutionFees.Capped(await chain.SuggestFeesAsync(cancellationToken), options.Value);
        var senderNonce = await chain.TransactionCountAsync(key.Address, pending: true, cancellationToken);
        var gasLimit = GasLimit(estimate, options.Value.GasLimitMargin);
        var signed = SignedExecution.Sign(key, chainOptions.Value.ChainId, row.SafeTxHash, builder.Safe, function.GetCallData(), senderNonce, gasLimit, fees);
        var stored = await database.WriteAsync(async (_, transaction) =>
        {
            var inserted = await ExecutionSubmissions.InsertAsync(transaction, signed, clock.GetUtcNow());
            await transaction.CommitAsync(cancellationToken);
            return inserted;
        }, cancellationToken);
        if (!stored)
        {
            return new ExecutorRun(ExecutorOutcome.AwaitingReceipt,
                $"Safe tx {row.SafeTxHash} left ReadyToExecute or was submitted by another run meanwhile; nothing sent.", row.SafeTxHash);
        }

        logger.LogInformation(
            "Stored execution {TxHash} of Safe tx {SafeTxHash} at nonce {Nonce}: sender {Sender} nonce {SenderNonce}, gas limit {GasLimit} (estimate {GasEstimate}), max fee {MaxFeePerGas} wei",
            signed.TxHash, row.SafeTxHash, row.Nonce, key.Address, (long)senderNonce, (long)gasLimit, (long)estimate, fees.MaxFeePerGas.ToString(CultureInfo.InvariantCulture));
        await failPoints.ReachAsync(FailPoints.BeforeExecutionBroadcast, cancellationToken);

        var broadcast = await chain.BroadcastAsync(signed.RawTransaction, cancellationToken);
        tracker.Broadcasted(signed.TxHash);
        ExecutorMetrics.Submissions.WithLabels(broadcast.Accepted ? "accepted" : "refused").Inc();
        if (broadcast.Accepted)
        {
            logger.LogInformation("Broadcast execution {TxHash} of Safe tx {SafeTxHash} at nonce {Nonce}", signed.TxHash, row.SafeTxHash, row.Nonce);
        }
        else
        {
            // Stays Pending: the tracker settles it from the receipt or the sender's nonce on the next run.
            logger.LogWarning("The node refused execution {TxHash} of Safe tx {SafeTxHash} at nonce {Nonce}: {Refusal}",
                signed.TxHash, row.SafeTxHash, row.Nonce, broadcast.Refusal);
        }

        await failPoints.ReachAsync(FailPoints.AfterExecutionSubmitted, cancellationToken);
        return new ExecutorRun(ExecutorOutcome.Submitted,
            broadcast.Accepted ? $"Submitted {signed.TxHash}." : $"Stored {signed.TxHash}; the node refused it: {broadcast.Refusal}",
            row.SafeTxHash, signed.TxHash);
    }

    private async Task<(TransactionRow Row, string Problem)?> FirstNotRebuildingAsync(IReadOnlyList<TransactionRow> ready, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var lines = await TransactionLedger.PaymentsAsync(connection, null, ready.Select(row => row.SafeTxHash).ToList());
        foreach (var row in ready)
        {
            var rebuilt = builder.Rebuild(row, lines.Where(line => line.SafeTxHash == row.SafeTxHash).ToList());
            if (rebuilt.Built is null)
            {
                return (row, rebuilt.Problem!);
            }
        }

        return null;
    }

    private async Task<ExecutorRun> BlockAsync(TransactionRow row, string reason, CancellationToken cancellationToken)
    {
        if (await alerts.RaiseAsync(row.SafeTxHash, reason, cancellationToken))
        {
            ExecutorMetrics.Submissions.WithLabels("blocked").Inc();
            logger.LogWarning("Safe tx {SafeTxHash} at nonce {Nonce} stays ReadyToExecute: {Reason}", row.SafeTxHash, row.Nonce, reason);
        }

        return new ExecutorRun(ExecutorOutcome.Blocked, reason, row.SafeTxHash);
    }

    internal static BigInteger GasLimit(BigInteger estimate, decimal margin)
    {
        // margin has at most a few decimals: scale to an integer ratio and round up.
        var scaled = new BigInteger(decimal.Ceiling(margin * 10_000m));
        return ((estimate * scaled) + 9_999) / 10_000;
    }
}
