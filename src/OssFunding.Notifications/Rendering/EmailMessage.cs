using System.Text;
using OssFunding.Notifications.Signers;

namespace OssFunding.Notifications.Rendering;

/// <summary>An email: subject, plain-text body and an HTML alternative with the same content (every payment listed).</summary>
internal sealed record EmailMessage(string Subject, string Text, string Html)
{
    public static EmailMessage Render(NoticeDocument document, SignerDirectory signers, string? recipientName)
    {
        var greeting = recipientName is null ? null : document.SignatureNeeded
            ? $"{recipientName}, your signature is needed."
            : $"Hello {recipientName},";
        var addressees = document.SignatureNeeded && document.MissingOwners.Count > 0
            ? "Waiting for: " + string.Join(", ", document.MissingOwners.Select(signers.Describe))
            : null;
        var text = new StringBuilder();
        if (greeting is not null)
        {
            text.Append(greeting).Append("\n\n");
        }

        text.Append(NoticeText.Head(document, Markup.Plain, addressees));
        if (document.Payments.Count > 0)
        {
            text.Append("\n\n").Append(NoticeText.Payments(document, Markup.Plain, document.Payments.Count));
        }

        if (document.Links.Count > 0)
        {
            text.Append("\n\n").Append(NoticeText.Links(document, Markup.Plain, "\n"));
        }

        return new EmailMessage($"[OssFunding] {document.Title}", text.Append('\n').ToString(), RenderHtml(document, greeting, addressees));
    }

    private static string RenderHtml(NoticeDocument document, string? greeting, string? addressees)
    {
        static string E(string text) => Markup.Html(text);
        var html = new StringBuilder("<!DOCTYPE html><html><body style=\"font-family:sans-serif\">\n");
        html.Append("<h2>").Append(E(document.Title)).Append("</h2>\n");
        if (greeting is not null)
        {
            html.Append("<p>").Append(E(greeting)).Append("</p>\n");
        }

        html.Append("<p>").Append(E(document.Summary)).Append("</p>\n");
        if (addressees is not null)
        {
            html.Append("<p><strong>").Append(E(addressees)).Append("</strong></p>\n");
        }

        html.Append("<table>\n");
        foreach (var fact in document.Facts)
        {
            var value = fact.Code ? $"<code>{E(fact.Value)}</code>" : E(fact.Value);
            html.Append("<tr><th align=\"left\">").Append(E(fact.Label)).Append("</th><td>").Append(value).Append("</td></tr>\n");
        }

        html.Append("</table>\n");
        AppendPayments(html, document);
        if (document.Links.Count > 0)
        {
            html.Append("<p>").AppendJoin(" | ", document.Links.Select(link => $"<a href=\"{E(link.Url)}\">{E(link.Label)}</a>")).Append("</p>\n");
        }

        return html.Append("</body></html>\n").ToString();
    }

    private static void AppendPayments(StringBuilder html, NoticeDocument document)
    {
        if (document.Payments.Count == 0)
        {
            return;
        }

        static string E(string text) => Markup.Html(text);
        html.Append("<h3>Payments (").Append(document.Payments.Count).Append(")</h3>\n<table border=\"1\" cellpadding=\"4\" cellspacing=\"0\">\n")
            .Append("<tr><th>Project</th><th>Amount</th><th>Token</th><th>Recipient</th></tr>\n");
        foreach (var payment in document.Payments)
        {
            html.Append("<tr><td>").Append(E(payment.Project)).Append("</td><td align=\"right\">").Append(E(payment.Amount))
                .Append("</td><td>").Append(E(payment.Token)).Append("</td><td><code>").Append(E(payment.Recipient)).Append("</code></td></tr>\n");
        }

        html.Append("</table>\n<p><strong>Totals:</strong> ")
            .Append(E(string.Join(", ", document.Totals.Select(t => $"{t.Amount} {t.Token}")))).Append("</p>\n");
    }
}
