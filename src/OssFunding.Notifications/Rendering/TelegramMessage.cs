using System.Text.Json.Nodes;
using OssFunding.Notifications.Signers;

namespace OssFunding.Notifications.Rendering;

/// <summary>Telegram <c>sendMessage</c> body: HTML text (escaped), at most 4,096 characters, link previews off.</summary>
internal static class TelegramMessage
{
    public const int TextLimit = 4096;

    public static JsonObject Render(NoticeDocument document, SignerDirectory signers, string chatId) => new()
    {
        ["chat_id"] = chatId,
        ["text"] = Text(document, signers),
        ["parse_mode"] = "HTML",
        ["link_preview_options"] = new JsonObject { ["is_disabled"] = true },
    };

    public static string Text(NoticeDocument document, SignerDirectory signers)
    {
        var markup = Markup.TelegramHtml;
        var addressees = document.SignatureNeeded && document.MissingOwners.Count > 0
            ? "Waiting for: " + markup.Escape(string.Join(", ", document.MissingOwners.Select(signers.ShortName)))
            : null;
        var top = markup.Bold(document.Title) + "\n\n" + NoticeText.Head(document, markup, addressees);
        var links = document.Links.Count == 0 ? "" : "\n\n" + NoticeText.Links(document, markup, "\n");
        var fixedPart = NoticeText.CutAtLine(top, TextLimit - Math.Min(links.Length, TextLimit / 2));
        return NoticeText.FitPayments(document.Payments.Count, TextLimit, shown =>
            fixedPart + (document.Payments.Count == 0 ? "" : "\n\n" + NoticeText.Payments(document, markup, shown)) + links);
    }
}
