using System.Text.Json.Nodes;
using OssFunding.Notifications.Signers;

namespace OssFunding.Notifications.Rendering;

/// <summary>
/// Discord webhook body: <c>content</c> ≤ 2,000 characters and one embed (title ≤ 256, description ≤ 4,096, a links
/// field ≤ 1,024, under the 6,000 total). Mentions are disabled so text from the ledger cannot ping anyone.
/// </summary>
internal static class DiscordMessage
{
    public const int ContentLimit = 2000;
    public const int TitleLimit = 256;
    public const int DescriptionLimit = 4096;
    public const int FieldValueLimit = 1024;

    private const int AlertColor = 0xD93F0B;
    private const int NoticeColor = 0x2F80ED;

    public static JsonObject Render(NoticeDocument document, SignerDirectory signers)
    {
        var markup = Markup.DiscordMarkdown;
        var addressees = document.SignatureNeeded && document.MissingOwners.Count > 0
            ? "Waiting for: " + markup.Escape(string.Join(", ", document.MissingOwners.Select(signers.ShortName)))
            : null;
        var head = NoticeText.CutAtLine(NoticeText.Head(document, markup, addressees), DescriptionLimit);
        var description = NoticeText.FitPayments(document.Payments.Count, DescriptionLimit,
            shown => document.Payments.Count == 0 ? head : head + "\n\n" + NoticeText.Payments(document, markup, shown));
        var embed = new JsonObject
        {
            ["title"] = Clip(document.Title, TitleLimit),
            ["description"] = description,
            ["color"] = document.IsAlert ? AlertColor : NoticeColor,
            ["timestamp"] = document.Notice.CreatedAt.UtcDateTime.ToString("o", System.Globalization.CultureInfo.InvariantCulture),
        };
        if (document.Links.Count > 0)
        {
            embed["url"] = document.Links[0].Url;
            embed["fields"] = new JsonArray(new JsonObject
            {
                ["name"] = "Links",
                ["value"] = NoticeText.CutAtLine(NoticeText.Links(document, markup, "\n"), FieldValueLimit),
            });
        }

        return new JsonObject
        {
            ["content"] = Clip(markup.Escape(document.Title), ContentLimit),
            ["allowed_mentions"] = new JsonObject { ["parse"] = new JsonArray() },
            ["embeds"] = new JsonArray(embed),
        };
    }

    private static string Clip(string text, int limit) => text.Length <= limit ? text : text[..(limit - 1)] + "…";
}
