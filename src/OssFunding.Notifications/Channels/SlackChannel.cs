using System.Text;
using Microsoft.Extensions.Options;
using OssFunding.Core.Configuration;
using OssFunding.Notifications.Rendering;
using OssFunding.Notifications.Signers;

namespace OssFunding.Notifications.Channels;

/// <summary>Slack incoming webhook: one channel; owners who must sign are mentioned by their <c>SlackUserId</c>.</summary>
internal sealed class SlackChannel(IOptions<NotificationsOptions> options, SignerDirectory signers, HttpSender sender) : INoticeChannel
{
    private static readonly Dictionary<string, string> NoHeaders = [];
    private readonly string url = options.Value.Slack.WebhookUrl;

    public NotificationChannel Channel => NotificationChannel.Slack;

    public bool HasSharedDestination => url.Length > 0;

    public bool CanReach(SignerOptions signer) => false;

    public Task SendAsync(OutgoingNotice notice, CancellationToken cancellationToken) =>
        sender.PostJsonAsync(new Uri(url), Encoding.UTF8.GetBytes(SlackMessage.Render(notice.Document, signers).ToJsonString()), NoHeaders, cancellationToken);
}
