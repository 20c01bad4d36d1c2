using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using OssFunding.Core.Configuration;
using OssFunding.Notifications.Rendering;
using OssFunding.Notifications.Signers;

namespace OssFunding.Notifications.Channels;

/// <summary>Slack incoming webhook: one channel; owners who must sign are mentioned by their <c>SlackUserId</c>.</summary>
internal sealed class SlackChannel(IOptions<NotificationsOptions> options, SignerDirectory signers, HttpSender sender)
    : ChatWebhookChannel(options.Value.Slack.WebhookUrl, sender)
{
    public override NotificationChannel Channel => NotificationChannel.Slack;

    protected override JsonObject Render(OutgoingNotice notice) => SlackMessage.Render(notice.Document, signers);
}
