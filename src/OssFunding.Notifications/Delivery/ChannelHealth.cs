using Dapper;
using OssFunding.Core.Ledger;
using OssFunding.Core.Storage;
using OssFunding.Notifications.Channels;
using Prometheus;

namespace OssFunding.Notifications.Delivery;

/// <summary>
/// Per-channel health (<c>notice_channel_health</c>) and the delivery metrics: <c>ossfunding_notices_total{channel,result}</c>
/// (result delivered, retry or dead), gauges of consecutive failures and last success/failure per channel, and
/// deliveries by status.
/// </summary>
public sealed class ChannelHealth(LedgerDatabase database)
{
    private static readonly Counter Notices = Metrics.CreateCounter(
        "ossfunding_notices_total", "Notice delivery attempts by channel and result (delivered, retry, dead).", "channel", "result");

    private static readonly Gauge ConsecutiveFailures = Metrics.CreateGauge(
        "ossfunding_notice_channel_consecutive_failures", "Failed delivery attempts in a row, per channel (0 = healthy).", "channel");

    private static readonly Gauge LastSuccess = Metrics.CreateGauge(
        "ossfunding_notice_channel_last_success_timestamp_seconds", "Unix time of the channel's last delivered notice.", "channel");

    private static readonly Gauge LastFailure = Metrics.CreateGauge(
        "ossfunding_notice_channel_last_failure_timestamp_seconds", "Unix time of the channel's last failed attempt.", "channel");

    private static readonly Gauge Deliveries = Metrics.CreateGauge(
        "ossfunding_notice_deliveries", "Notice deliveries in the ledger by status (Pending, Delivered, Dead).", "status");

    internal const string Delivered = "delivered";
    internal const string Retry = "retry";
    internal const string Dead = "dead";

    internal static void Count(NotificationChannel channel, string result) => Notices.WithLabels(channel.ToString(), result).Inc();

    internal static void SetDeliveryCounts(IReadOnlyDictionary<DeliveryStatus, long> counts)
    {
        foreach (var (status, count) in counts)
        {
            Deliveries.WithLabels(status.ToString()).Set(count);
        }
    }

    internal async Task RecordSuccessAsync(NotificationChannel channel, DateTimeOffset now)
    {
        await using var connection = await database.OpenAsync(CancellationToken.None);
        var stored = LedgerTime.ToStored(now);
        await connection.ExecuteAsync(
            """
            INSERT INTO notice_channel_health (channel, last_success_at, consecutive_failures, updated_at) VALUES (@channel, @now, 0, @now)
            ON CONFLICT (channel) DO UPDATE SET last_success_at = @now, consecutive_failures = 0, updated_at = @now
            """, new { channel = channel.ToString(), now = stored });
        ConsecutiveFailures.WithLabels(channel.ToString()).Set(0);
        LastSuccess.WithLabels(channel.ToString()).Set(now.ToUnixTimeMilliseconds() / 1000.0);
    }

    internal async Task RecordFailureAsync(NotificationChannel channel, string error, DateTimeOffset now)
    {
        await using var connection = await database.OpenAsync(CancellationToken.None);
        var failures = await connection.ExecuteScalarAsync<long>(
            """
            INSERT INTO notice_channel_health (channel, last_failure_at, consecutive_failures, last_error, updated_at)
            VALUES (@channel, @now, 1, @error, @now)
            ON CONFLICT (channel) DO UPDATE SET last_failure_at = @now, last_error = @error, updated_at = @now,
                consecutive_failures = notice_channel_health.consecutive_failures + 1
            RETURNING consecutive_failures
            """, new { channel = channel.ToString(), now = LedgerTime.ToStored(now), error });
        ConsecutiveFailures.WithLabels(channel.ToString()).Set(failures);
        LastFailure.WithLabels(channel.ToString()).Set(now.ToUnixTimeMilliseconds() / 1000.0);
    }

    /// <summary>Every channel that has had an attempt, for the API and status.</summary>
    public async Task<IReadOnlyList<ChannelHealthView>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<HealthRow>(new CommandDefinition(
            """
            SELECT channel AS Channel, last_success_at AS LastSuccessAt, last_failure_at AS LastFailureAt,
                   consecutive_failures AS ConsecutiveFailures, last_error AS LastError
            FROM notice_channel_health ORDER BY channel
            """, cancellationToken: cancellationToken));
        return rows.Select(row => new ChannelHealthView(Enum.Parse<NotificationChannel>(row.Channel),
            row.LastSuccessAt is null ? null : LedgerTime.FromStored(row.LastSuccessAt),
            row.LastFailureAt is null ? null : LedgerTime.FromStored(row.LastFailureAt), (int)row.ConsecutiveFailures, row.LastError)).ToList();
    }

    private sealed class HealthRow
    {
        public string Channel { get; init; } = "";
        public string? LastSuccessAt { get; init; }
        public string? LastFailureAt { get; init; }
        public long ConsecutiveFailures { get; init; }
        public string? LastError { get; init; }
    }
}
