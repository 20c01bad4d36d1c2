using System.Text;
using System.Text.Json.Nodes;
using OssFunding.Core.Configuration;

namespace OssFunding.Notifications.Channels;

/// <summary>
/// A chat incoming webhook (Slack, Discord): one shared channel at <paramref name="url"/> (empty: not configured), one JSON
/// message per notice, no way to address an owner directly. Subclasses only say which channel it is and how a notice looks.
/// </summary>
internal abstract class ChatWebhookChannel(string url, HttpSender sender) : INoticeChannel
{
    private static readonly Dictionary<string, string> NoHeaders = [];

    public abstract NotificationChannel Channel { get; }

    public bool HasSharedDestination => url.Length > 0;

    public bool CanReach(SignerOptions signer) => false;

    public Task SendAsync(OutgoingNotice notice, CancellationToken cancellationToken) =>
        sender.PostJsonAsync(new Uri(url), Encoding.UTF8.GetBytes(Render(notice).ToJsonString()), NoHeaders, cancellationToken);

    protected abstract JsonObject Render(OutgoingNotice notice);
}
