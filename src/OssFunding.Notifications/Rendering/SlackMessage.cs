using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using OssFunding.Notifications.Signers;

namespace OssFunding.Notifications.Rendering;

/// <summary>
/// Slack incoming-webhook body: a plain <c>text</c> fallback and Block Kit blocks (header ≤ 150 characters, each
/// mrkdwn section ≤ 3,000). Owners who must sign are mentioned by their Slack user id.
/// </summary>
internal static partial class SlackMessage
{
    public const int HeaderLimit = 150;
    public const int SectionLimit = 3000;

    public static JsonObject Render(NoticeDocument document, SignerDirectory signers)
    {
        var markup = Markup.SlackMrkdwn;
        var blocks = new JsonArray
        {
            new JsonObject { ["type"] = "header", ["text"] = PlainText(Clip(document.Title, HeaderLimit)) },
            Section(NoticeText.CutAtLine(NoticeText.Head(document, markup, Addressees(document, signers)), SectionLimit)),
        };
        if (document.Payments.Count > 0)
        {
            blocks.Add(Section(NoticeText.FitPayments(document.Payments.Count, SectionLimit, shown => NoticeText.Payments(document, markup, shown))));
        }

        if (document.Links.Count > 0)
        {
            blocks.Add(Section(NoticeText.CutAtLine(NoticeText.Links(document, markup, "\n"), SectionLimit)));
        }

        return new JsonObject { ["text"] = Clip(document.Title, SectionLimit), ["blocks"] = blocks };
    }

    private static string? Addressees(NoticeDocument document, SignerDirectory signers)
    {
        if (!document.SignatureNeeded || document.MissingOwners.Count == 0)
        {
            return null;
        }

        var names = document.MissingOwners.Select(owner => signers.Find(owner) is { } signer && UserId().IsMatch(signer.SlackUserId)
            ? $"<@{signer.SlackUserId}>"
            : Markup.SlackMrkdwn.Escape(signers.ShortName(owner)));
        return "Waiting for: " + string.Join(", ", names);
    }

    private static JsonObject Section(string mrkdwn) =>
        new() { ["type"] = "section", ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = mrkdwn } };

    private static JsonObject PlainText(string text) => new() { ["type"] = "plain_text", ["text"] = text };

    private static string Clip(string text, int limit) => text.Length <= limit ? text : text[..(limit - 1)] + "…";

    // Slack member ids (U…/W…); anything else is shown as a name, never pasted into a mention.
    [GeneratedRegex("^[UW][A-Z0-9]{2,20}$")]
    private static partial Regex UserId();
}
