using Dapper;
using OssFunding.Core.Storage;
using OssFunding.Pipeline.Notices;
using OssFunding.Pipeline.Transactions;

namespace OssFunding.Pipeline.Execution;

/// <summary>
/// ExecutionBlocked alerts: one condition per (Safe tx, reason). The notice goes out when the condition starts, not on
/// every poll; when the transaction can be executed again (or another one is next) the condition clears, so a later
/// recurrence alerts again.
/// </summary>
public sealed class ExecutionAlerts(LedgerDatabase database, NoticeOutbox outbox, NoticePayloads payloads, TimeProvider clock)
{
    /// <summary>Raises the condition; returns true when it is new (and its notice was written).</summary>
    internal Task<bool> RaiseAsync(string safeTxHash, string reason, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            var key = $"{NoticeKind.ExecutionBlocked}:{safeTxHash}:{reason}";
            await AlertConditions.ClearExceptAsync(transaction, NoticeKind.ExecutionBlocked, [key]);
            var raised = await AlertConditions.RaiseAsync(transaction, key, NoticeKind.ExecutionBlocked, reason, clock.GetUtcNow());
            if (raised)
            {
                var row = await TransactionLedger.FindAsync(connection, transaction, safeTxHash)
                          ?? throw new InvalidOperationException($"Safe tx {safeTxHash} is not in the ledger.");
                var view = (await TransactionQueries.ToViewsAsync(connection, transaction, [row]))[0];
                await outbox.AddAsync(transaction, NoticeKind.ExecutionBlocked, safeTxHash,
                    payloads.ForTransaction(view, $"Safe tx nonce {view.Nonce} is ready but the executor cannot execute it: {reason}"));
            }

            await transaction.CommitAsync(cancellationToken);
            return raised;
        }, cancellationToken);

    /// <summary>Clears every ExecutionBlocked condition (reads first, so an idle run takes no write lock).</summary>
    internal async Task ClearAsync(CancellationToken cancellationToken)
    {
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            var open = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT COUNT(*) FROM alert_conditions WHERE kind = @kind", new { kind = NoticeKind.ExecutionBlocked.ToString() },
                cancellationToken: cancellationToken));
            if (open == 0)
            {
                return;
            }
        }

        await database.WriteAsync(async (_, transaction) =>
        {
            await AlertConditions.ClearExceptAsync(transaction, NoticeKind.ExecutionBlocked, []);
            await transaction.CommitAsync(cancellationToken);
            return true;
        }, cancellationToken);
    }
}
