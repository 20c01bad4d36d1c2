using System.Net;
using System.Text;

namespace OssFunding.Notifications.Rendering;

/// <summary>How one channel writes bold, code and links, and escapes text (untrusted: project names, reasons).</summary>
internal abstract class Markup
{
    public static readonly Markup Plain = new PlainMarkup();
    public static readonly Markup SlackMrkdwn = new SlackMarkup();
    public static readonly Markup DiscordMarkdown = new DiscordMarkup();
    public static readonly Markup TelegramHtml = new TelegramMarkup();

    public abstract string Escape(string text);

    public abstract string Bold(string text);

    public abstract string Code(string text);

    public abstract string Link(string label, string url);

    private sealed class PlainMarkup : Markup
    {
        public override string Escape(string text) => text;

        public override string Bold(string text) => text;

        public override string Code(string text) => text;

        public override string Link(string label, string url) => $"{label}: {url}";
    }

    // Slack: only &, < and > are control characters in mrkdwn text; links are <url|label>.
    private sealed class SlackMarkup : Markup
    {
        public override string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

        public override string Bold(string text) => $"*{Escape(text)}*";

        public override string Code(string text) => $"`{Escape(text).Replace("`", "'", StringComparison.Ordinal)}`";

        public override string Link(string label, string url) => $"<{url.Replace("|", "%7C", StringComparison.Ordinal)}|{Escape(label).Replace("|", "/", StringComparison.Ordinal)}>";
    }

    // Discord: markdown with backslash escapes; links are [label](url).
    private sealed class DiscordMarkup : Markup
    {
        private const string Special = "\\*_~`|<>[]()#-@";

        public override string Escape(string text)
        {
            var escaped = new StringBuilder(text.Length + 8);
            foreach (var c in text)
            {
                if (Special.Contains(c, StringComparison.Ordinal))
                {
                    escaped.Append('\\');
                }

                escaped.Append(c);
            }

            return escaped.ToString();
        }

        public override string Bold(string text) => $"**{Escape(text)}**";

        public override string Code(string text) => $"`{text.Replace("`", "'", StringComparison.Ordinal)}`";

        public override string Link(string label, string url) => $"[{Escape(label)}]({url.Replace(")", "%29", StringComparison.Ordinal)})";
    }

    // Telegram parse_mode HTML: <, > and & must be entities everywhere, and " inside attribute values.
    private sealed class TelegramMarkup : Markup
    {
        public override string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

        public override string Bold(string text) => $"<b>{Escape(text)}</b>";

        public override string Code(string text) => $"<code>{Escape(text)}</code>";

        public override string Link(string label, string url) =>
            $"<a href=\"{Escape(url).Replace("\"", "&quot;", StringComparison.Ordinal)}\">{Escape(label)}</a>";
    }

    /// <summary>For HTML email bodies.</summary>
    public static string Html(string text) => WebUtility.HtmlEncode(text);
}
