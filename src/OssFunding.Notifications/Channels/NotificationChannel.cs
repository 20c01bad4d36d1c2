using OssFunding.Core.Configuration;
using OssFunding.Notifications.Rendering;

namespace OssFunding.Notifications.Channels;

/// <summary>Where a notice can go. Stored by name in <c>notice_deliveries.channel</c> and used as the metric label.</summary>
public enum NotificationChannel
{
    Webhook,
    Slack,
    Discord,
    Telegram,
    Email,
}

/// <summary>One delivery to send: the delivery id (the same on every retry), the notice, and the signer it is for (null = the channel's shared destination).</summary>
internal sealed record OutgoingNotice(string DeliveryId, NoticeDocument Document, SignerOptions? Signer);

/// <summary>A channel: off unless configured. Shared destinations (a webhook, a chat) get every notice; direct ones reach one signer.</summary>
internal interface INoticeChannel
{
    NotificationChannel Channel { get; }

    /// <summary>Posts to a destination everyone reads (webhook URL, Slack/Discord channel, Telegram group).</summary>
    bool HasSharedDestination { get; }

    /// <summary>Can address <paramref name="signer"/> directly (email address, Telegram chat).</summary>
    bool CanReach(SignerOptions signer);

    /// <summary>Sends once (with quick retries inside); throws <see cref="DeliveryFailedException"/> when it did not arrive.</summary>
    Task SendAsync(OutgoingNotice notice, CancellationToken cancellationToken);
}

/// <summary>A delivery attempt that did not arrive. Permanent failures (the receiver refused the request) are not retried.</summary>
internal sealed class DeliveryFailedException(string message, bool permanent = false, TimeSpan? retryAfter = null, Exception? inner = null)
    : Exception(message, inner)
{
    public bool Permanent { get; } = permanent;

    /// <summary>The receiver asked to wait at least this long (HTTP 429 Retry-After).</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
