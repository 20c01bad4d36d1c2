using System.Net.Mail;
using Microsoft.Extensions.Options;
using OssFunding.Core.Configuration;

namespace OssFunding.Worker.Configuration;

/// <summary>Every channel is off unless set; a channel that is half set is an error. Webhook URLs of Slack and Discord are credentials.</summary>
internal sealed class NotificationsOptionsValidator : IValidateOptions<NotificationsOptions>
{
    public ValidateOptionsResult Validate(string? name, NotificationsOptions options)
    {
        var problems = new ConfigProblems();
        ValidateSigners(problems, options.Signers);
        ValidateWebhook(problems, options.Webhook);
        if (!string.IsNullOrEmpty(options.Slack.WebhookUrl))
        {
            ConfigRules.AbsoluteUrl(problems, "Notifications:Slack:WebhookUrl", options.Slack.WebhookUrl, secret: true, "https");
        }

        if (!string.IsNullOrEmpty(options.Discord.WebhookUrl))
        {
            ConfigRules.AbsoluteUrl(problems, "Notifications:Discord:WebhookUrl", options.Discord.WebhookUrl, secret: true, "https");
        }

        ValidateTelegram(problems, options.Telegram);
        ValidateEmail(problems, options.Email);
        ConfigRules.Positive(problems, "Notifications:ReminderInterval", options.ReminderInterval);
        ConfigRules.Range(problems, "Notifications:MaxReminders", options.MaxReminders, 0, 1000);
        return problems.ToResult();
    }

    private static void ValidateSigners(ConfigProblems problems, List<SignerOptions> signers)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < signers.Count; i++)
        {
            string key = $"Notifications:Signers:{i}";
            SignerOptions signer = signers[i];
            if (ConfigRules.ChecksumAddress(problems, $"{key}:Address", signer.Address) && !seen.Add(signer.Address))
            {
                problems.Add($"{key}:Address", "is listed twice", signer.Address);
            }

            if (string.IsNullOrWhiteSpace(signer.Name))
            {
                problems.Add($"{key}:Name", "is required (notices name who is missing)");
            }

            if (!string.IsNullOrEmpty(signer.Email) && !MailAddress.TryCreate(signer.Email, out _))
            {
                problems.Add($"{key}:Email", "is not an email address", signer.Email);
            }
        }
    }

    private static void ValidateWebhook(ConfigProblems problems, WebhookChannelOptions webhook)
    {
        bool hasUrl = !string.IsNullOrEmpty(webhook.Url);
        if (hasUrl)
        {
            ConfigRules.AbsoluteUrl(problems, "Notifications:Webhook:Url", webhook.Url);
        }

        if (hasUrl && string.IsNullOrEmpty(webhook.Secret))
        {
            problems.Add("Notifications:Webhook:Secret", "is required when Notifications:Webhook:Url is set (deliveries are signed with it)");
        }

        if (!hasUrl && !string.IsNullOrEmpty(webhook.Secret))
        {
            problems.AddHidden("Notifications:Webhook:Secret", "is set but Notifications:Webhook:Url is empty");
        }
    }

    private static void ValidateTelegram(ConfigProblems problems, TelegramChannelOptions telegram)
    {
        bool hasToken = !string.IsNullOrEmpty(telegram.BotToken);
        bool hasChat = !string.IsNullOrEmpty(telegram.ChatId);
        if (hasToken && !hasChat)
        {
            problems.Add("Notifications:Telegram:ChatId", "is required when Notifications:Telegram:BotToken is set");
        }

        if (hasChat && !hasToken)
        {
            problems.Add("Notifications:Telegram:BotToken", "is required when Notifications:Telegram:ChatId is set");
        }

        if (hasToken || hasChat)
        {
            ConfigRules.AbsoluteUrl(problems, "Notifications:Telegram:ApiBaseUrl", telegram.ApiBaseUrl);
        }
    }

    private static void ValidateEmail(ConfigProblems problems, EmailChannelOptions email)
    {
        if (string.IsNullOrEmpty(email.Host))
        {
            if (!string.IsNullOrEmpty(email.From) || !string.IsNullOrEmpty(email.User) || !string.IsNullOrEmpty(email.Password))
            {
                problems.Add("Notifications:Email:Host", "is required when other Notifications:Email keys are set");
            }

            return;
        }

        ConfigRules.Range(problems, "Notifications:Email:Port", email.Port, 1, 65535);
        if (!MailAddress.TryCreate(email.From, out _))
        {
            problems.Add("Notifications:Email:From", "must be an email address when Notifications:Email:Host is set", email.From);
        }

        if (string.IsNullOrEmpty(email.User) && !string.IsNullOrEmpty(email.Password))
        {
            problems.Add("Notifications:Email:User", "is required when Notifications:Email:Password is set");
        }
    }
}
