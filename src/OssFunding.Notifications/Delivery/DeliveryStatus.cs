using OssFunding.Notifications.Channels;

namespace OssFunding.Notifications.Delivery;

/// <summary>Stored by name in <c>notice_deliveries.status</c>.</summary>
public enum DeliveryStatus
{
    Pending,
    Delivered,
    Dead,
}

/// <summary>A delivery row, for the API and tests. <see cref="Recipient"/> is "" (the channel's shared destination) or a signer address.</summary>
public sealed record DeliveryView(
    string Id,
    string NoticeId,
    NotificationChannel Channel,
    string Recipient,
    DeliveryStatus Status,
    int Attempts,
    DateTimeOffset NextAttemptAt,
    string? LastError,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DeliveredAt);

/// <summary>A channel's health: its last success and failure, and how many attempts in a row failed.</summary>
public sealed record ChannelHealthView(
    NotificationChannel Channel,
    DateTimeOffset? LastSuccessAt,
    DateTimeOffset? LastFailureAt,
    int ConsecutiveFailures,
    string? LastError);

/// <summary>What one dispatcher run did.</summary>
public sealed record DispatchRun(int NoticesFannedOut, int DeliveriesCreated, int Delivered, int Retrying, int Dead);
