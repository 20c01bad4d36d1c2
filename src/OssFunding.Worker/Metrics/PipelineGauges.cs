using System.Data.Common;
using Dapper;
using OssFunding.Core.Ledger;
using OssFunding.Core.Storage;
using OssFunding.Pipeline.Notices;
using OssFunding.Pipeline.Transactions;
using Prometheus;

namespace OssFunding.Worker.Metrics;

/// <summary>
/// Pipeline figures read from the ledger at scrape time: Safe transactions by status and the age of the oldest one still
/// pending, payments recorded per token, notices in the outbox per kind, and the alert conditions true right now.
/// Read from the shared database, every replica reports the same values. (Watcher head/lag and RPC calls are kept by
/// OssFunding.Chain as they happen.)
/// </summary>
internal sealed class PipelineGauges(LedgerDatabase database, TimeProvider clock)
{
    private static readonly Gauge Transactions = Prometheus.Metrics.CreateGauge(
        "ossfunding_transactions", "Safe transactions in the ledger by status.", new GaugeConfiguration { LabelNames = ["status"] });

    private static readonly Gauge Payments = Prometheus.Metrics.CreateGauge(
        "ossfunding_payments_recorded", "Payments recorded (on-chain from final Transfer logs, or off-chain), by kind and token.",
        new GaugeConfiguration { LabelNames = ["kind", "token"] });

    private static readonly Gauge Notices = Prometheus.Metrics.CreateGauge(
        "ossfunding_notices", "Notices in the outbox by kind.", new GaugeConfiguration { LabelNames = ["kind"] });

    // A transaction that waits (for signatures, for its execution) costs recipients time: its age is what ops alert on.
    internal static readonly Gauge OldestPending = Prometheus.Metrics.CreateGauge(
        "ossfunding_transaction_oldest_age_seconds",
        "Seconds since the oldest transaction in this pending status was drafted (0 when there is none).",
        new GaugeConfiguration { LabelNames = ["status"] });

    internal static readonly Gauge Conditions = Prometheus.Metrics.CreateGauge(
        "ossfunding_alert_conditions",
        "Alert conditions true right now (LowBalance per token, WatcherStalled, ExecutionBlocked), by kind.",
        new GaugeConfiguration { LabelNames = ["kind"] });

    public async Task UpdateAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            var byStatus = (await connection.QueryAsync<(string Status, long Count)>(
                "SELECT status, COUNT(*) FROM safe_transactions GROUP BY status")).ToDictionary(row => row.Status, row => row.Count);
            foreach (var status in Enum.GetNames<TransactionStatus>())
            {
                Transactions.WithLabels(status).Set(byStatus.GetValueOrDefault(status));
            }

            foreach (var (kind, token, count) in await connection.QueryAsync<(string, string, long)>(
                         "SELECT kind, token, COUNT(*) FROM payments GROUP BY kind, token"))
            {
                Payments.WithLabels(kind, token).Set(count);
            }

            var byKind = (await connection.QueryAsync<(string Kind, long Count)>(
                "SELECT kind, COUNT(*) FROM notices GROUP BY kind")).ToDictionary(row => row.Kind, row => row.Count);
            foreach (var kind in Enum.GetNames<NoticeKind>())
            {
                Notices.WithLabels(kind).Set(byKind.GetValueOrDefault(kind));
            }

            await UpdateOldestPendingAsync(connection);
            await UpdateConditionsAsync(connection);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new ScrapeFailedException($"pipeline figures unavailable: {e.Message}", e);
        }
    }

    private async Task UpdateOldestPendingAsync(DbConnection connection)
    {
        // ISO-8601 UTC text sorts as time on both engines, so MIN is the oldest.
        var oldest = (await connection.QueryAsync<(string Status, string CreatedAt)>(
                "SELECT status, MIN(created_at) FROM safe_transactions GROUP BY status"))
            .ToDictionary(row => row.Status, row => LedgerTime.FromStored(row.CreatedAt));
        DateTimeOffset now = clock.GetUtcNow();
        foreach (TransactionStatus status in TransactionStatuses.Pending)
        {
            double age = oldest.TryGetValue(status.ToString(), out DateTimeOffset created) ? Math.Max(0, (now - created).TotalSeconds) : 0;
            OldestPending.WithLabels(status.ToString()).Set(age);
        }
    }

    private static async Task UpdateConditionsAsync(DbConnection connection)
    {
        var byKind = (await connection.QueryAsync<(string Kind, long Count)>(
            "SELECT kind, COUNT(*) FROM alert_conditions GROUP BY kind")).ToDictionary(row => row.Kind, row => row.Count);
        foreach (NoticeKind kind in Enum.GetValues<NoticeKind>().Where(NoticeKinds.IsAlert))
        {
            Conditions.WithLabels(kind.ToString()).Set(byKind.GetValueOrDefault(kind.ToString()));
        }
    }
}
