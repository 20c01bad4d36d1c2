using System.Data.Common;
using OssFunding.Core.Secrets;

namespace OssFunding.Worker.Configuration;

/// <summary>
/// Decides which configuration values are secrets. Listed keys are always masked; any other key whose name says it
/// holds a credential (password, secret, token, API key), e.g. in a Serilog sink, is masked too. In connection strings
/// only the password is masked so the rest stays checkable; in URLs, what <see cref="UrlMasking"/> masks.
/// </summary>
internal static class SecretMasker
{
    public const string Mask = "***";

    private static readonly HashSet<string> SecretKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "Api:AdminToken",
        "Api:ReadToken",
        "Signing:ApiKey",
        "Notifications:Webhook:Secret",
        "Notifications:Slack:WebhookUrl",
        "Notifications:Discord:WebhookUrl",
        "Notifications:Telegram:BotToken",
        "Notifications:Email:Password",
    };

    private static readonly string[] SecretWords = ["password", "secret", "token", "apikey", "api_key", "webhookurl"];

    private static readonly string[] PasswordKeywords = ["password", "pwd"];

    public static string? MaskValue(string path, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return value;
        }

        string name = path[(path.LastIndexOf(':') + 1)..];
        if (name.Contains("ConnectionString", StringComparison.OrdinalIgnoreCase))
        {
            return MaskConnectionStringPassword(value);
        }

        if (SecretKeys.Contains(path) || SecretWords.Any(word => name.Contains(word, StringComparison.OrdinalIgnoreCase)))
        {
            return Mask;
        }

        // RPC, Transaction Service and webhook URLs carry credentials in userinfo, path or query: the one URL rule.
        return value.Contains("://", StringComparison.Ordinal) ? UrlMasking.MaskUrl(value) : value;
    }

    private static string MaskConnectionStringPassword(string connectionString)
    {
        try
        {
            var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
            string[] present = PasswordKeywords.Where(builder.ContainsKey).ToArray();
            if (present.Length == 0)
            {
                return connectionString;
            }

            foreach (string keyword in present)
            {
                builder[keyword] = Mask;
            }

            return builder.ConnectionString;
        }
        catch (ArgumentException)
        {
            // Unparseable: it may hold anything, show nothing.
            return Mask;
        }
    }
}
