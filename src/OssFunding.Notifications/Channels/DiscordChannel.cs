using System.Text;
using Microsoft.Extensions.Options;
using OssFunding.Core.Configuration;
using OssFunding.Notifications.Rendering;
using OssFunding.Notifications.Signers;

namespace OssFunding.Notifications.Channels;

/// <summary>Discord webhook: one channel, one embed per notice.</summary>
internal sealed class DiscordChannel(IOptions<NotificationsOptions> options, SignerDirectory signers, HttpSender sender) : INoticeChannel
{
    private static readonly Dictionary<string, string> NoHeaders = [];
    private readonly string url = options.Value.Discord.WebhookUrl;

    public NotificationChannel Channel => NotificationChannel.Discord;

    public bool HasSharedDestination => url.Length > 0;

    public bool CanReach(SignerOptions signer) => false;

    public Task SendAsync(OutgoingNotice notice, CancellationToken cancellationToken) =>
        sender.PostJsonAsync(new Uri(url), Encoding.UTF8.GetBytes(DiscordMessage.Render(notice.Document, signers).ToJsonString()), NoHeaders, cancellationToken);
}
