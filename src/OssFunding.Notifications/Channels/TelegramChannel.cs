using System.Text;
using Microsoft.Extensions.Options;
using OssFunding.Core.Configuration;
using OssFunding.Notifications.Rendering;
using OssFunding.Notifications.Signers;

namespace OssFunding.Notifications.Channels;

/// <summary>
/// Telegram bot <c>sendMessage</c> (<c>{ApiBaseUrl}/bot{token}/sendMessage</c>): to the configured group chat, and
/// directly to signers who gave a <c>TelegramChatId</c>.
/// </summary>
internal sealed class TelegramChannel(IOptions<NotificationsOptions> options, SignerDirectory signers, HttpSender sender) : INoticeChannel
{
    private static readonly Dictionary<string, string> NoHeaders = [];
    private readonly TelegramChannelOptions telegram = options.Value.Telegram;

    public NotificationChannel Channel => NotificationChannel.Telegram;

    private bool Configured => telegram.BotToken.Length > 0;

    public bool HasSharedDestination => Configured && telegram.ChatId.Length > 0;

    // The group chat already gets every notice: no second copy to a signer whose chat it is.
    public bool CanReach(SignerOptions signer) =>
        Configured && signer.TelegramChatId.Length > 0 && signer.TelegramChatId != telegram.ChatId;

    public Task SendAsync(OutgoingNotice notice, CancellationToken cancellationToken)
    {
        var chatId = notice.Signer?.TelegramChatId ?? telegram.ChatId;
        var body = TelegramMessage.Render(notice.Document, signers, chatId).ToJsonString();
        var url = new Uri($"{telegram.ApiBaseUrl.TrimEnd('/')}/bot{telegram.BotToken}/sendMessage");
        return sender.PostJsonAsync(url, Encoding.UTF8.GetBytes(body), NoHeaders, cancellationToken);
    }
}
