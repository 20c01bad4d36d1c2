using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Model;
using OssFunding.Core.Configuration;
using OssFunding.Core.Ledger;
using OssFunding.Core.Storage;
using OssFunding.Pipeline.Transactions;
using OssFunding.Safe.Transactions;

namespace OssFunding.Pipeline.Execution;

/// <summary>
/// Unsticks an execution the chain has not included after <c>Execution:ReplaceAfter</c> (issue "never pay twice", item
/// 9): the same call, gas limit and sender nonce, signed again with higher fees (<see cref="ExecutionFees.Replacement"/>),
/// stored in place of the stuck one before it is broadcast. The sender nonce lets at most one of them be mined, and the
/// Safe nonce lets the Safe transaction execute at most once whichever it is. When the fee cap leaves no room for a
/// bump, the stuck one is kept (and re-broadcast) and an ExecutionBlocked alert says so.
/// </summary>
public sealed class FeeReplacement(
    LedgerDatabase database,
    ExecutionChain chain,
    ExecutorKey key,
    ExecutionAlerts alerts,
    IOptions<ExecutionOptions> options,
    IOptions<ChainOptions> chainOptions,
    TimeProvider clock,
    ILogger<FeeReplacement> logger)
{
    /// <summary>The replacement now pending, or null when <paramref name="stuck"/> is not due or cannot be replaced.</summary>
    internal async Task<SubmissionRow?> ReplaceIfDueAsync(SubmissionRow stuck, CancellationToken cancellationToken)
    {
        if (clock.GetUtcNow() - stuck.StoredAt < options.Value.ReplaceAfter || !EthAddress.AreEqual(stuck.Sender, key.Address))
        {
            return null;
        }

        var previous = (Transaction1559)TransactionFactory.CreateTransaction(stuck.RawTransaction);
        var fees = ExecutionFees.Replacement(
            new Eip1559Fees(previous.MaxFeePerGas!.Value, previous.MaxPriorityFeePerGas!.Value),
            await chain.SuggestFeesAsync(cancellationToken), options.Value);
        if (fees is null)
        {
            await alerts.RaiseAsync(stuck.SafeTxHash, string.Create(CultureInfo.InvariantCulture,
                $"execution {stuck.TxHash} is not mined after {options.Value.ReplaceAfter} and its max fee {ExecutionFees.Gwei(previous.MaxFeePerGas.Value)} gwei cannot be raised enough under Execution:MaxFeePerGasGwei ({options.Value.MaxFeePerGasGwei} gwei)"),
                cancellationToken);
            return null;
        }

        var replacement = SignedExecution.Sign(key, chainOptions.Value.ChainId, stuck.SafeTxHash, previous.ReceiverAddress,
            previous.Data.HexToByteArray(), stuck.SenderNonce, previous.GasLimit!.Value, fees);
        var storedAt = clock.GetUtcNow();
        if (!await StoreAsync(stuck, replacement, storedAt, cancellationToken))
        {
            return null;
        }

        logger.LogWarning(
            "Execution {TxHash} of Safe tx {SafeTxHash} at nonce {Nonce} not mined after {ReplaceAfter}: replaced by {ReplacementTxHash} (sender nonce {SenderNonce}, max fee {OldMaxFee} -> {MaxFee} gwei, priority {OldPriorityFee} -> {PriorityFee} gwei)",
            stuck.TxHash, stuck.SafeTxHash, stuck.SafeNonce, options.Value.ReplaceAfter, replacement.TxHash, stuck.SenderNonce,
            ExecutionFees.Gwei(previous.MaxFeePerGas.Value), ExecutionFees.Gwei(fees.MaxFeePerGas),
            ExecutionFees.Gwei(previous.MaxPriorityFeePerGas.Value), ExecutionFees.Gwei(fees.MaxPriorityFeePerGas));
        var broadcast = await chain.BroadcastAsync(replacement.RawTransaction, cancellationToken);
        ExecutorMetrics.Submissions.WithLabels("replaced").Inc();
        if (!broadcast.Accepted)
        {
            // Stays Pending like any refused broadcast: the tracker settles it from the receipt or the sender's nonce.
            logger.LogWarning("The node refused replacement {TxHash} of Safe tx {SafeTxHash}: {Refusal}", replacement.TxHash, stuck.SafeTxHash, broadcast.Refusal);
        }

        return stuck with
        {
            TxHash = replacement.TxHash, RawTransaction = replacement.RawTransaction, ReplacesTxHash = stuck.TxHash,
            CreatedAt = LedgerTime.ToStored(storedAt),
        };
    }

    private Task<bool> StoreAsync(SubmissionRow stuck, SignedExecution replacement, DateTimeOffset storedAt, CancellationToken cancellationToken) =>
        database.WriteAsync(async (_, transaction) =>
        {
            // The Safe tx row first, the order every writer of a transaction keeps (TransactionLocks).
            await TransactionLocks.LockAsync(transaction, stuck.SafeTxHash);
            var stored = await ExecutionSubmissions.ReplaceAsync(transaction, stuck.TxHash, replacement, storedAt);
            if (stored)
            {
                await transaction.CommitAsync(cancellationToken);
            }

            return stored;
        }, cancellationToken);
}
