using System.Globalization;
using Dapper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OssFunding.Core.Configuration;
using OssFunding.Core.Ledger;
using OssFunding.Core.Storage;
using OssFunding.Notifications.Signers;
using OssFunding.Pipeline.Notices;
using OssFunding.Pipeline.Transactions;

namespace OssFunding.Notifications.Reminders;

/// <summary>
/// Writes a <see cref="NoticeKind.Reminder"/> into the outbox for each transaction still AwaitingSignatures once
/// <c>Notifications:ReminderInterval</c> has passed since it was drafted (or since its last reminder), at most
/// <c>MaxReminders</c> times. A transaction that reached its threshold is ReadyToExecute and gets none. The notice lists
/// who is missing, so routing sends it only to them. A worker that was down sends one reminder, not one per interval
/// missed. The n-th reminder of a transaction has a dedupe key, so two replicas never both write it.
/// </summary>
public sealed class ReminderScheduler(
    LedgerDatabase database,
    TransactionQueries transactions,
    NoticeOutbox outbox,
    NoticePayloads payloads,
    SignerDirectory signers,
    IOptions<NotificationsOptions> options,
    TimeProvider clock,
    ILogger<ReminderScheduler> logger)
{
    /// <summary>Returns how many reminders were written.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var written = 0;
        foreach (var waiting in await transactions.ListAsync(TransactionStatus.AwaitingSignatures, cancellationToken))
        {
            if (await RemindIfDueAsync(waiting.SafeTxHash, cancellationToken))
            {
                written++;
            }
        }

        return written;
    }

    private async Task<bool> RemindIfDueAsync(string safeTxHash, CancellationToken cancellationToken)
    {
        var before = await ReadStateAsync(safeTxHash, cancellationToken);
        var view = await transactions.GetAsync(safeTxHash, cancellationToken);
        var settings = options.Value;
        if (view is null || before.Reminders >= settings.MaxReminders || view.Signatures.Count >= view.Threshold)
        {
            return false;
        }

        var last = before.LastReminderAt ?? view.CreatedAt;
        if (clock.GetUtcNow() < last + settings.ReminderInterval)
        {
            return false;
        }

        var number = before.Reminders + 1;
        var missing = string.Join(", ", view.MissingOwners.Select(signers.ShortName));
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"Reminder {number} of {settings.MaxReminders}: Safe tx #{view.Nonce} has {view.Signatures.Count} of {view.Threshold} signatures; still missing: {missing}.");
        var written = await database.WriteAsync(async (connection, transaction) =>
        {
            // Nothing changed since the view was read (no signature, no status change), so the missing owners are right.
            var now = await connection.QuerySingleAsync<StateRow>(StateSql, new { safeTxHash }, transaction);
            if (now.Status != nameof(TransactionStatus.AwaitingSignatures) || now.Signatures != before.Signatures || now.Reminders != before.Reminders)
            {
                return false;
            }

            var added = await outbox.AddAsync(transaction, NoticeKind.Reminder, safeTxHash, payloads.ForTransaction(view, summary),
                $"Reminder:{safeTxHash}:{number}");
            await transaction.CommitAsync(cancellationToken);
            return added;
        }, cancellationToken);
        if (written)
        {
            logger.LogInformation("Reminder {ReminderNumber} for Safe tx {SafeTxHash} nonce {Nonce}: missing {MissingOwners}",
                number, safeTxHash, view.Nonce, missing);
        }

        return written;
    }

    private const string StateSql =
        """
        SELECT t.status AS Status,
               (SELECT COUNT(*) FROM transaction_signatures s WHERE s.safe_tx_hash = t.safe_tx_hash) AS Signatures,
               (SELECT COUNT(*) FROM notices n WHERE n.safe_tx_hash = t.safe_tx_hash AND n.kind = 'Reminder') AS Reminders,
               (SELECT MAX(n.created_at) FROM notices n WHERE n.safe_tx_hash = t.safe_tx_hash AND n.kind = 'Reminder') AS LastReminder
        FROM safe_transactions t WHERE t.safe_tx_hash = @safeTxHash
        """;

    private async Task<StateRow> ReadStateAsync(string safeTxHash, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleAsync<StateRow>(new CommandDefinition(StateSql, new { safeTxHash }, cancellationToken: cancellationToken));
    }

    private sealed class StateRow
    {
        public string Status { get; init; } = "";
        public long Signatures { get; init; }
        public long Reminders { get; init; }
        public string? LastReminder { get; init; }

        public DateTimeOffset? LastReminderAt => LastReminder is null ? null : LedgerTime.FromStored(LastReminder);
    }
}
