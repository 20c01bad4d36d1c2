using System.Data.Common;
using System.Text.Json.Nodes;
using Dapper;
using OssFunding.Core.Ledger;
using OssFunding.Core.Storage;
using OssFunding.Notifications.Channels;
using OssFunding.Notifications.Rendering;
using OssFunding.Pipeline.Notices;

namespace OssFunding.Notifications.Delivery;

/// <summary>A route of a notice: a channel and a recipient ("" = the channel's shared destination, else a signer address).</summary>
internal sealed record Route(NotificationChannel Channel, string Recipient);

/// <summary>A delivery claimed for one attempt: nobody else tries it until the lease ends.</summary>
internal sealed record ClaimedDelivery(string Id, NotificationChannel Channel, string Recipient, int Attempts, NoticeRecord Notice);

/// <summary>
/// The <c>notice_deliveries</c> table. No database transaction is held while a delivery is sent: a claim is a guarded
/// UPDATE (attempts must still be what was read), so two dispatchers never send the same attempt, and a dispatcher
/// that dies mid-send leaves the delivery to be retried, with the same id, when its lease ends.
/// </summary>
internal sealed class DeliveryStore(LedgerDatabase database)
{
    private const string NoticeColumns =
        "n.id AS Id, n.seq AS Seq, n.kind AS Kind, n.safe_tx_hash AS SafeTxHash, n.created_at AS CreatedAt, n.payload AS Payload";

    /// <summary>Fans out up to <paramref name="limit"/> notices not fanned out yet, in outbox order, in one transaction.</summary>
    public Task<(int Notices, int Deliveries)> FanOutAsync(
        Func<NoticeRecord, IReadOnlyList<Route>> route, int limit, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            var rows = await connection.QueryAsync<NoticeRow>(new CommandDefinition(
                $"""
                SELECT {NoticeColumns} FROM notices n LEFT JOIN notice_fanouts f ON f.notice_id = n.id
                WHERE f.notice_id IS NULL ORDER BY n.seq, n.id LIMIT @limit
                """, new { limit }, transaction, cancellationToken: cancellationToken));
            int notices = 0, deliveries = 0;
            foreach (var row in rows)
            {
                var routes = row.ToRecord() is { } notice ? route(notice) : [];
                deliveries += await InsertDeliveriesAsync(transaction, row.Id, routes, now);
                await connection.ExecuteAsync(
                    """
                    INSERT INTO notice_fanouts (notice_id, deliveries, fanned_out_at) VALUES (@id, @count, @now)
                    ON CONFLICT (notice_id) DO NOTHING
                    """, new { id = row.Id, count = routes.Count, now = LedgerTime.ToStored(now) }, transaction);
                notices++;
            }

            await transaction.CommitAsync(cancellationToken);
            return (notices, deliveries);
        }, cancellationToken);

    /// <summary>Claims the oldest due Pending delivery of <paramref name="channel"/>, or returns null when none is due.</summary>
    public async Task<ClaimedDelivery?> ClaimNextAsync(
        NotificationChannel channel, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        for (var tries = 0; tries < 5; tries++)
        {
            var due = await connection.QuerySingleOrDefaultAsync<DueRow>(new CommandDefinition(
                $"""
                SELECT d.id AS DeliveryId, d.recipient AS Recipient, d.attempts AS Attempts, {NoticeColumns}
                FROM notice_deliveries d JOIN notices n ON n.id = d.notice_id
                WHERE d.status = 'Pending' AND d.channel = @channel AND d.next_attempt_at <= @now
                ORDER BY d.next_attempt_at, d.id LIMIT 1
                """, new { channel = channel.ToString(), now = LedgerTime.ToStored(now) }, cancellationToken: cancellationToken));
            if (due is null)
            {
                return null;
            }

            var claimed = await connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE notice_deliveries SET attempts = attempts + 1, next_attempt_at = @leaseEnd, updated_at = @now
                WHERE id = @id AND status = 'Pending' AND attempts = @attempts
                """,
                new { id = due.DeliveryId, attempts = due.Attempts, leaseEnd = LedgerTime.ToStored(now + lease), now = LedgerTime.ToStored(now) },
                cancellationToken: cancellationToken));
            if (claimed == 1)
            {
                var notice = due.Notice.ToRecord() ?? throw new InvalidOperationException($"Notice {due.Notice.Id} has an unknown kind {due.Notice.Kind}.");
                return new ClaimedDelivery(due.DeliveryId, channel, due.Recipient, (int)due.Attempts + 1, notice);
            }
        }

        return null; // Another dispatcher keeps winning the claims; it delivers them.
    }

    public Task MarkDeliveredAsync(string id, DateTimeOffset now) => UpdateAsync(
        "UPDATE notice_deliveries SET status = 'Delivered', delivered_at = @now, last_error = NULL, updated_at = @now WHERE id = @id AND status = 'Pending'",
        new { id, now = LedgerTime.ToStored(now) });

    public Task ScheduleRetryAsync(string id, int attempts, DateTimeOffset nextAttemptAt, string error, DateTimeOffset now) => UpdateAsync(
        """
        UPDATE notice_deliveries SET next_attempt_at = @next, last_error = @error, updated_at = @now
        WHERE id = @id AND status = 'Pending' AND attempts = @attempts
        """,
        new { id, attempts, error, next = LedgerTime.ToStored(nextAttemptAt), now = LedgerTime.ToStored(now) });

    public Task MarkDeadAsync(string id, int attempts, string error, DateTimeOffset now) => UpdateAsync(
        """
        UPDATE notice_deliveries SET status = 'Dead', last_error = @error, updated_at = @now
        WHERE id = @id AND status = 'Pending' AND attempts = @attempts
        """,
        new { id, attempts, error, now = LedgerTime.ToStored(now) });

    public async Task<IReadOnlyList<DeliveryView>> ListAsync(string? noticeId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<DeliveryRow>(new CommandDefinition(
            """
            SELECT id AS Id, notice_id AS NoticeId, channel AS Channel, recipient AS Recipient, status AS Status, attempts AS Attempts,
                   next_attempt_at AS NextAttemptAt, last_error AS LastError, created_at AS CreatedAt, delivered_at AS DeliveredAt
            FROM notice_deliveries WHERE (@noticeId IS NULL OR notice_id = @noticeId) ORDER BY created_at, channel, recipient, id
            """, new { noticeId }, cancellationToken: cancellationToken));
        return rows.Select(row => row.ToView()).ToList();
    }

    public async Task<IReadOnlyDictionary<DeliveryStatus, long>> CountByStatusAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Status, long Count)>(new CommandDefinition(
            "SELECT status, COUNT(*) FROM notice_deliveries GROUP BY status", cancellationToken: cancellationToken));
        var counts = Enum.GetValues<DeliveryStatus>().ToDictionary(status => status, _ => 0L);
        foreach (var (status, count) in rows)
        {
            counts[Enum.Parse<DeliveryStatus>(status)] = count;
        }

        return counts;
    }

    private static async Task<int> InsertDeliveriesAsync(DbTransaction transaction, string noticeId, IReadOnlyList<Route> routes, DateTimeOffset now)
    {
        var inserted = 0;
        foreach (var route in routes)
        {
            inserted += await transaction.Connection!.ExecuteAsync(
                """
                INSERT INTO notice_deliveries (id, notice_id, channel, recipient, status, attempts, next_attempt_at, created_at, updated_at)
                VALUES (@id, @noticeId, @channel, @recipient, 'Pending', 0, @now, @now, @now)
                ON CONFLICT (notice_id, channel, recipient) DO NOTHING
                """,
                new { id = Guid.NewGuid().ToString(), noticeId, channel = route.Channel.ToString(), recipient = route.Recipient, now = LedgerTime.ToStored(now) },
                transaction);
        }

        return inserted;
    }

    private async Task UpdateAsync(string sql, object parameters)
    {
        // Recording an outcome is not cancelled with the run: a sent notice must not be sent again for want of a write.
        await using var connection = await database.OpenAsync(CancellationToken.None);
        await connection.ExecuteAsync(sql, parameters);
    }

    private sealed class NoticeRow
    {
        public string Id { get; init; } = "";
        public long Seq { get; init; }
        public string Kind { get; init; } = "";
        public string? SafeTxHash { get; init; }
        public string CreatedAt { get; init; } = "";
        public string Payload { get; init; } = "";

        public NoticeRecord? ToRecord() => Enum.TryParse<NoticeKind>(Kind, out var kind)
            ? new NoticeRecord(Id, Seq, kind, SafeTxHash, LedgerTime.FromStored(CreatedAt), JsonNode.Parse(Payload)!.AsObject())
            : null;
    }

    private sealed class DueRow
    {
        public string DeliveryId { get; init; } = "";
        public string Recipient { get; init; } = "";
        public long Attempts { get; init; }
        public string Id { get; init; } = "";
        public long Seq { get; init; }
        public string Kind { get; init; } = "";
        public string? SafeTxHash { get; init; }
        public string CreatedAt { get; init; } = "";
        public string Payload { get; init; } = "";

        public NoticeRow Notice => new() { Id = Id, Seq = Seq, Kind = Kind, SafeTxHash = SafeTxHash, CreatedAt = CreatedAt, Payload = Payload };
    }

    private sealed class DeliveryRow
    {
        public string Id { get; init; } = "";
        public string NoticeId { get; init; } = "";
        public string Channel { get; init; } = "";
        public string Recipient { get; init; } = "";
        public string Status { get; init; } = "";
        public long Attempts { get; init; }
        public string NextAttemptAt { get; init; } = "";
        public string? LastError { get; init; }
        public string CreatedAt { get; init; } = "";
        public string? DeliveredAt { get; init; }

        public DeliveryView ToView() => new(Id, NoticeId, Enum.Parse<NotificationChannel>(Channel), Recipient, Enum.Parse<DeliveryStatus>(Status),
            (int)Attempts, LedgerTime.FromStored(NextAttemptAt), LastError, LedgerTime.FromStored(CreatedAt),
            DeliveredAt is null ? null : LedgerTime.FromStored(DeliveredAt));
    }
}
