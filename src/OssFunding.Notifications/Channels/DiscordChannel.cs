using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using OssFunding.Core.Configuration;
using OssFunding.Notifications.Rendering;
using OssFunding.Notifications.Signers;

namespace OssFunding.Notifications.Channels;

/// <summary>Discord webhook: one channel, one embed per notice.</summary>
internal sealed class DiscordChannel(IOptions<NotificationsOptions> options, SignerDirectory signers, HttpSender sender)
    : ChatWebhookChannel(options.Value.Discord.WebhookUrl, sender)
{
    public override NotificationChannel Channel => NotificationChannel.Discord;

    protected override JsonObject Render(OutgoingNotice notice) => DiscordMessage.Render(notice.Document, signers);
}
