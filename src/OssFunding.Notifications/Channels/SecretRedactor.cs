using Microsoft.Extensions.Options;
using OssFunding.Core.Configuration;
using OssFunding.Core.Secrets;

namespace OssFunding.Notifications.Channels;

/// <summary>
/// Removes configured secrets (webhook secret, Slack/Discord webhook URLs, the Telegram bot token, the SMTP password)
/// from error texts before they reach logs or <c>notice_deliveries.last_error</c> (SPEC §2.8), then masks any other
/// URL in them by the one URL rule (<see cref="UrlMasking"/>).
/// </summary>
internal sealed class SecretRedactor(IOptions<NotificationsOptions> options)
{
    private const int MaxLength = 500;

    private readonly string[] secrets = new[]
    {
        options.Value.Webhook.Secret, options.Value.Slack.WebhookUrl, options.Value.Discord.WebhookUrl,
        options.Value.Telegram.BotToken, options.Value.Email.Password,
    }.Where(secret => secret.Length >= 4).OrderByDescending(secret => secret.Length).ToArray();

    public string Redact(string text)
    {
        foreach (var secret in secrets)
        {
            text = text.Replace(secret, "***", StringComparison.Ordinal);
        }

        text = UrlMasking.MaskUrlsIn(text);
        return text.Length <= MaxLength ? text : text[..MaxLength] + "…";
    }
}
