using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using OssFunding.Core.Configuration;
using OssFunding.Notifications.Rendering;

namespace OssFunding.Notifications.Channels;

/// <summary>
/// Generic webhook (SPEC §9): POST of the notice as JSON with <c>X-OssFunding-Event</c>, <c>X-OssFunding-Delivery</c>
/// (the same on retries) and <c>X-OssFunding-Signature: sha256=&lt;hex HMAC-SHA256(secret, raw body)&gt;</c>.
/// </summary>
internal sealed class WebhookChannel(IOptions<NotificationsOptions> options, HttpSender sender) : INoticeChannel
{
    public const string EventHeader = "X-OssFunding-Event";
    public const string DeliveryHeader = "X-OssFunding-Delivery";
    public const string SignatureHeader = "X-OssFunding-Signature";

    private readonly WebhookChannelOptions webhook = options.Value.Webhook;

    public NotificationChannel Channel => NotificationChannel.Webhook;

    public bool HasSharedDestination => webhook.Url.Length > 0;

    public bool CanReach(SignerOptions signer) => false;

    public Task SendAsync(OutgoingNotice notice, CancellationToken cancellationToken)
    {
        var body = WebhookBody.Bytes(WebhookBody.Render(notice.Document, notice.DeliveryId));
        var headers = new Dictionary<string, string>
        {
            [EventHeader] = notice.Document.Kind.ToString(),
            [DeliveryHeader] = notice.DeliveryId,
            [SignatureHeader] = Sign(webhook.Secret, body),
        };
        return sender.PostJsonAsync(new Uri(webhook.Url), body, headers, cancellationToken);
    }

    /// <summary><c>sha256=</c> and the lowercase hex HMAC-SHA256 of <paramref name="body"/> keyed with the UTF-8 secret.</summary>
    public static string Sign(string secret, byte[] body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
}
