namespace OssFunding.Core.Configuration;

/// <summary><c>Notifications</c> section. Every channel is off unless its keys are set.</summary>
public sealed class NotificationsOptions
{
    public const string Section = "Notifications";

    public List<SignerOptions> Signers { get; set; } = [];

    public WebhookChannelOptions Webhook { get; set; } = new();

    public SlackChannelOptions Slack { get; set; } = new();

    public DiscordChannelOptions Discord { get; set; } = new();

    public TelegramChannelOptions Telegram { get; set; } = new();

    public EmailChannelOptions Email { get; set; } = new();

    public TimeSpan ReminderInterval { get; set; } = TimeSpan.FromDays(1);

    public int MaxReminders { get; set; } = 7;

    /// <summary>
    /// Public base URL of this worker's HTTP API (e.g. https://funding.example.org), used for links in notices; when
    /// empty, notices carry the API path only.
    /// </summary>
    public string PublicBaseUrl { get; set; } = "";
}

public sealed class SignerOptions
{
    public string Address { get; set; } = "";
    public string Name { get; set; } = "";
    public string Email { get; set; } = "";
    public string TelegramChatId { get; set; } = "";
    public string SlackUserId { get; set; } = "";
}

public sealed class WebhookChannelOptions
{
    public string Url { get; set; } = "";

    /// <summary>HMAC-SHA256 key for <c>X-OssFunding-Signature</c>. Secret.</summary>
    public string Secret { get; set; } = "";
}

public sealed class SlackChannelOptions
{
    /// <summary>Incoming-webhook URL. Secret (the URL is the credential).</summary>
    public string WebhookUrl { get; set; } = "";
}

public sealed class DiscordChannelOptions
{
    /// <summary>Webhook URL. Secret (the URL is the credential).</summary>
    public string WebhookUrl { get; set; } = "";
}

public sealed class TelegramChannelOptions
{
    /// <summary>Bot token. Secret.</summary>
    public string BotToken { get; set; } = "";
    public string ChatId { get; set; } = "";
    public string ApiBaseUrl { get; set; } = "https://api.telegram.org";
}

public sealed class EmailChannelOptions
{
    public string Host { get; set; } = "";
    public int Port { get; set; } = 587;
    public bool UseTls { get; set; } = true;
    public string User { get; set; } = "";
    /// <summary>Secret.</summary>
    public string Password { get; set; } = "";
    public string From { get; set; } = "";
}
