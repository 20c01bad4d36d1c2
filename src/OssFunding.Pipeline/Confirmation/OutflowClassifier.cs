using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OssFunding.Chain.Mirror;
using OssFunding.Core.Configuration;
using OssFunding.Core.Storage;
using OssFunding.Pipeline.Chain;
using OssFunding.Pipeline.Notices;
using OssFunding.Pipeline.Signing;
using OssFunding.Pipeline.Transactions;

namespace OssFunding.Pipeline.Confirmation;

/// <summary>
/// Classifies what became final since its checkpoint: every token transfer out of the Safe that is not a recorded payment
/// is an unplanned outflow (SPEC §10), and every owner or threshold change is alerted and re-evaluates the signatures of
/// the transactions collecting them. Runs after the transaction derivations, so payments confirmed in the same run count.
/// </summary>
public sealed class OutflowClassifier(
    LedgerDatabase database,
    ChainMirrorReader mirror,
    SafeChainReader chain,
    SignatureLedger signatures,
    TokenUnits tokens,
    NoticeOutbox outbox,
    NoticePayloads payloads,
    IOptions<ChainOptions> chainOptions,
    TimeProvider clock,
    ILogger<OutflowClassifier> logger)
{
    internal async Task<(int Unplanned, int OwnerChanges)> ClassifyAsync(long final, CancellationToken cancellationToken)
    {
        long? checkpoint;
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            checkpoint = await ConfirmerLedger.CheckpointAsync(connection, null, chain.Safe);
        }

        var from = (checkpoint ?? chainOptions.Value.StartBlock - 1) + 1;
        if (final < from)
        {
            return (0, 0);
        }

        var transfers = (await mirror.GetTransfersAsync(from, cancellationToken)).Where(t => t.BlockNumber <= final).ToList();
        var changes = (await mirror.GetOwnerChangesAsync(from, cancellationToken)).Where(c => c.BlockNumber <= final).ToList();
        var safe = changes.Count > 0 ? await chain.ReadSafeAsync(cancellationToken) : null;
        return await database.WriteAsync(async (_, transaction) =>
        {
            var now = clock.GetUtcNow();
            if (!await ConfirmerLedger.MoveCheckpointAsync(transaction, chain.Safe, checkpoint, final, now))
            {
                return (0, 0); // another run classified these blocks meanwhile
            }

            var unplanned = 0;
            foreach (var transfer in transfers)
            {
                if (!await ConfirmerLedger.IsRecordedPaymentAsync(transaction, transfer) && await RecordUnplannedAsync(transaction, transfer, now))
                {
                    unplanned++;
                }
            }

            foreach (var change in changes)
            {
                await AlertOwnerChangeAsync(transaction, change, safe!);
            }

            if (safe is not null)
            {
                await ReevaluateCollectingAsync(transaction, safe);
            }

            await transaction.CommitAsync(cancellationToken);
            return (unplanned, changes.Count);
        }, cancellationToken);
    }

    private async Task<bool> RecordUnplannedAsync(System.Data.Common.DbTransaction transaction, TokenTransfer transfer, DateTimeOffset now)
    {
        var safeTxHash = await ConfirmerLedger.ExecutionHashOfAsync(transaction, transfer);
        if (!await ConfirmerLedger.InsertUnplannedAsync(transaction, transfer, chain.Safe, safeTxHash, now))
        {
            return false;
        }

        var symbol = tokens.SymbolOf(transfer.Token);
        var amount = symbol is null
            ? $"{transfer.Amount} base units of token {transfer.Token}"
            : $"{tokens.ToTokenUnits(symbol, BigInteger.Parse(transfer.Amount, CultureInfo.InvariantCulture))} {symbol}";
        var summary = $"Unplanned outflow: {amount} left the Safe to {transfer.To} in {transfer.TxHash} (block {transfer.BlockNumber}), matching no recorded payment.";
        var payload = payloads.ForAlert(summary, new Dictionary<string, JsonNode?>
        {
            ["safe"] = chain.Safe, ["txHash"] = transfer.TxHash, ["logIndex"] = transfer.LogIndex, ["blockNumber"] = transfer.BlockNumber,
            ["token"] = transfer.Token, ["symbol"] = symbol, ["to"] = transfer.To, ["amountBaseUnits"] = transfer.Amount,
            ["safeTxHash"] = safeTxHash, ["explorerTx"] = payloads.ExplorerTx(transfer.TxHash),
        });
        await outbox.AddAsync(transaction, NoticeKind.UnplannedOutflow, safeTxHash, payload, $"UnplannedOutflow:{transfer.TxHash}:{transfer.LogIndex}");
        logger.LogWarning("{Summary}", summary);
        return true;
    }

    private async Task AlertOwnerChangeAsync(System.Data.Common.DbTransaction transaction, OwnerChange change, SafeState safe)
    {
        var what = change.Event switch
        {
            "AddedOwner" => $"owner {change.Owner} added",
            "RemovedOwner" => $"owner {change.Owner} removed",
            _ => $"threshold changed to {change.Threshold}",
        };
        var summary = $"Safe {chain.Safe}: {what} in {change.TxHash} (block {change.BlockNumber}); now {safe.Threshold} of {safe.Owners.Count} owners.";
        var payload = payloads.ForAlert(summary, new Dictionary<string, JsonNode?>
        {
            ["safe"] = chain.Safe, ["event"] = change.Event, ["owner"] = change.Owner, ["threshold"] = change.Threshold,
            ["txHash"] = change.TxHash, ["blockNumber"] = change.BlockNumber,
            ["owners"] = new JsonArray(safe.Owners.Select(owner => (JsonNode)JsonValue.Create(owner)).ToArray()),
            ["currentThreshold"] = safe.Threshold,
        });
        await outbox.AddAsync(transaction, NoticeKind.OwnersChanged, null, payload, $"OwnersChanged:{change.TxHash}:{change.LogIndex}");
    }

    /// <summary>Owners changed: signatures of removed owners stop counting, the threshold may differ.</summary>
    private async Task ReevaluateCollectingAsync(System.Data.Common.DbTransaction transaction, SafeState safe)
    {
        var collecting = await TransactionLedger.ListAsync(transaction.Connection!, transaction, TransactionStatuses.Collecting);
        foreach (var row in collecting)
        {
            await signatures.EvaluateAsync(transaction, row.SafeTxHash, safe.Owners, safe.Threshold);
        }
    }
}
