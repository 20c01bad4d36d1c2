using System.Globalization;
using System.Text;
using OssFunding.Pipeline.Transactions;
using static OssFunding.Worker.Pages.PageText;

namespace OssFunding.Worker.Pages;

/// <summary><c>GET /</c>: the Safe, the transactions waiting for signatures with their signer pages, the published reports.</summary>
internal static class IndexPageHtml
{
    /// <param name="pending">Null when the list is private (Api:ReadToken is set).</param>
    public static string Render(string? safe, long chainId, IReadOnlyList<TransactionView>? pending, IReadOnlyList<string> reportPeriods)
    {
        var body = new StringBuilder()
            .Append("<header><p class=\"brand\">OssFunding worker</p><h1>Safe payments</h1></header>\n<section><h2>Safe</h2><dl class=\"facts\">")
            .Append("<dt>Safe</dt><dd><code>").Append(Html(string.IsNullOrEmpty(safe) ? "not configured" : safe)).Append("</code></dd>")
            .Append("<dt>Chain id</dt><dd>").Append(chainId.ToString(CultureInfo.InvariantCulture)).Append("</dd></dl></section>\n")
            .Append("<section><h2>Waiting for signatures</h2>\n");
        if (pending is null)
        {
            body.Append("<p>The list is private on this worker (Api:ReadToken is set); open the signer page link of your notice.</p>");
        }
        else if (pending.Count == 0)
        {
            body.Append("<p>No transaction is waiting.</p>");
        }
        else
        {
            body.Append("<ul class=\"pending\">");
            foreach (TransactionView tx in pending)
            {
                body.Append("<li><a href=\"/sign/").Append(Html(tx.SafeTxHash)).Append("\">")
                    .Append(CultureInfo.InvariantCulture, $"Nonce {tx.Nonce}: {tx.Payments.Count} payment(s), {tx.Signatures.Count}/{tx.Threshold} signatures")
                    .Append("</a> <span class=\"status\">").Append(Html(tx.Status.ToString())).Append("</span><br><code>").Append(Html(tx.SafeTxHash))
                    .Append("</code></li>");
            }

            body.Append("</ul>");
        }

        body.Append("</section>\n<section><h2>Published reports</h2>\n");
        body.Append(reportPeriods.Count == 0 ? "<p>No report is published yet.</p>" : "<ul class=\"reports\">" + string.Concat(reportPeriods.Select(period =>
            $"<li><a href=\"/api/reports/{Html(period)}?format=html\">{Html(period)}</a> (<a href=\"/api/reports/{Html(period)}?format=csv\">CSV</a>, <a href=\"/api/reports/{Html(period)}?format=json\">JSON</a>)</li>")) + "</ul>");
        body.Append("</section>\n");
        return PageLayout.Render("OssFunding worker", body.ToString());
    }

    /// <summary>A page for a refused request (unknown or malformed hash): what went wrong and where to go.</summary>
    public static string Problem(string title, string detail) =>
        PageLayout.Render(title,
            $"<header><p class=\"brand\">OssFunding worker</p><h1>{Html(title)}</h1></header>\n<section class=\"alert warn\"><p>{Html(detail)}</p>"
            + "<p><a href=\"/\">All transactions waiting for signatures</a></p></section>\n");
}
