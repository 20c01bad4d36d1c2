using Dapper;
using OssFunding.Core.Storage;
using OssFunding.Pipeline.Notices;
using OssFunding.Pipeline.Transactions;
using Prometheus;

namespace OssFunding.Worker.Metrics;

/// <summary>
/// Pipeline figures read from the ledger at scrape time: Safe transactions by status, payments recorded per token, and
/// notices in the outbox per kind. (Watcher head/lag and RPC calls are kept by OssFunding.Chain as they happen.)
/// </summary>
internal sealed class PipelineGauges(LedgerDatabase database)
{
    private static readonly Gauge Transactions = Prometheus.Metrics.CreateGauge(
        "ossfunding_transactions", "Safe transactions in the ledger by status.", new GaugeConfiguration { LabelNames = ["status"] });

    private static readonly Gauge Payments = Prometheus.Metrics.CreateGauge(
        "ossfunding_payments_recorded", "Payments recorded (on-chain from final Transfer logs, or off-chain), by kind and token.",
        new GaugeConfiguration { LabelNames = ["kind", "token"] });

    private static readonly Gauge Notices = Prometheus.Metrics.CreateGauge(
        "ossfunding_notices", "Notices in the outbox by kind.", new GaugeConfiguration { LabelNames = ["kind"] });

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
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new ScrapeFailedException($"pipeline figures unavailable: {e.Message}", e);
        }
    }
}
