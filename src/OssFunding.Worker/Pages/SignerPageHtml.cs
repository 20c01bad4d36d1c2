using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using OssFunding.Pipeline.Signing;
using OssFunding.Pipeline.Transactions;
using static OssFunding.Worker.Pages.PageText;

namespace OssFunding.Worker.Pages;

/// <summary>
/// The signer page of one transaction (SPEC §7): what a signature approves (payments decoded from the rebuilt
/// calldata, totals per token), the Safe, nonce, safeTxHash, signatures x/threshold and who is missing, and the wallet
/// controls of <c>signer.js</c>, which reads the page's data block (the typed data to sign, the owners).
/// </summary>
internal static class SignerPageHtml
{
    public static string Render(TransactionReview review, Func<string, string?> ownerName)
    {
        TransactionView tx = review.Transaction;
        var body = new StringBuilder()
            .Append("<header><p class=\"brand\">OssFunding worker · signer page</p>")
            .Append(CultureInfo.InvariantCulture, $"<h1>Safe transaction, nonce {tx.Nonce}</h1></header>\n");
        AppendWarnings(body, review);
        AppendPayments(body, review);
        AppendFacts(body, review, ownerName);
        AppendWallet(body, review);
        body.Append("<script type=\"application/json\" id=\"signer-data\">").Append(Data(review)).Append("</script>\n");
        return PageLayout.Render($"Sign nonce {tx.Nonce.ToString(CultureInfo.InvariantCulture)} · {tx.SafeTxHash}", body.ToString(), signerScript: true);
    }

    private static void AppendWarnings(StringBuilder body, TransactionReview review)
    {
        if (review.Problem is { } problem)
        {
            body.Append("<section class=\"alert danger\"><h2>Do not sign</h2><p>The stored transaction does not match what the ledger rebuilds: ")
                .Append(Html(problem)).Append("</p></section>\n");
        }

        if (review.Transaction.Rejects is { } rejected)
        {
            body.Append("<section class=\"alert warn\"><h2>On-chain rejection</h2><p>This transaction pays nothing: it uses nonce ")
                .Append(review.Transaction.Nonce.ToString(CultureInfo.InvariantCulture))
                .Append(" so that the cancelled transaction <a href=\"/sign/").Append(Html(rejected)).Append("\"><code>").Append(Html(rejected))
                .Append("</code></a> can never execute.</p></section>\n");
        }
    }

    private static void AppendPayments(StringBuilder body, TransactionReview review)
    {
        if (review.Payments.Count == 0)
        {
            return;
        }

        body.Append("<section><h2>What you approve</h2>\n<ol class=\"payments\">\n");
        foreach (ReviewedPayment payment in review.Payments)
        {
            body.Append("<li class=\"payment\"><p class=\"amount\">").Append(Html(payment.Amount)).Append(' ').Append(Html(payment.Token))
                .Append("</p><p class=\"project\">to <strong>").Append(Html(payment.Project)).Append("</strong></p>\n<dl>")
                .Append("<dt>Recipient</dt><dd><code>").Append(Html(payment.Recipient)).Append("</code></dd>")
                .Append("<dt>Token contract</dt><dd><code>").Append(Html(payment.TokenAddress)).Append("</code></dd>")
                .Append("<dt>Allocation</dt><dd><code>").Append(Html(payment.AllocationId)).Append("</code></dd>")
                .Append("<dt>Approval</dt><dd>").Append(LinkOrText(payment.ApprovalRef)).Append("</dd></dl></li>\n");
        }

        body.Append("</ol>\n<h3>Totals</h3>\n<ul class=\"totals\">");
        foreach (TransactionTotalView total in review.Totals)
        {
            body.Append("<li>").Append(Html(total.Amount)).Append(' ').Append(Html(total.Token)).Append("</li>");
        }

        body.Append("</ul></section>\n");
    }

    private static void AppendFacts(StringBuilder body, TransactionReview review, Func<string, string?> ownerName)
    {
        TransactionView tx = review.Transaction;
        body.Append("<section><h2>Transaction</h2>\n<dl class=\"facts\">")
            .Append("<dt>Safe</dt><dd><code>").Append(Html(tx.Safe)).Append("</code></dd>")
            .Append("<dt>Chain id</dt><dd>").Append(tx.ChainId.ToString(CultureInfo.InvariantCulture)).Append("</dd>")
            .Append("<dt>Nonce</dt><dd>").Append(tx.Nonce.ToString(CultureInfo.InvariantCulture)).Append("</dd>")
            .Append("<dt>safeTxHash (your wallet shows it)</dt><dd><code>").Append(Html(tx.SafeTxHash)).Append("</code></dd>")
            .Append("<dt>Status</dt><dd id=\"status\">").Append(Html(tx.Status.ToString())).Append("</dd>")
            .Append(CultureInfo.InvariantCulture, $"<dt>Signatures</dt><dd id=\"signature-count\">{tx.Signatures.Count}/{tx.Threshold}</dd>")
            .Append("<dt>Signed by</dt><dd id=\"signed-by\">").Append(Owners(tx.Signatures.Select(s => s.Owner), ownerName)).Append("</dd>")
            .Append("<dt>Missing</dt><dd id=\"missing\">").Append(Owners(tx.MissingOwners, ownerName)).Append("</dd>")
            .Append("</dl></section>\n");
    }

    private static string Owners(IEnumerable<string> owners, Func<string, string?> ownerName)
    {
        var items = owners.Select(owner => ownerName(owner) is { Length: > 0 } name
            ? $"<li>{Html(name)} <code>{Html(owner)}</code></li>"
            : $"<li><code>{Html(owner)}</code></li>").ToList();
        return items.Count == 0 ? "nobody" : "<ul class=\"owners\">" + string.Concat(items) + "</ul>";
    }

    private static void AppendWallet(StringBuilder body, TransactionReview review)
    {
        string message = review.Problem is not null ? "Signing is disabled: the transaction does not match the ledger."
            : !review.Collecting ? $"This transaction is no longer collecting signatures: it is {review.Transaction.Status}."
            : "Connect the wallet of a Safe owner, check the payments above, then sign.";
        body.Append("<section id=\"wallet\"><h2>Sign with your wallet</h2>\n")
            .Append("<p id=\"message\" class=\"message\" role=\"status\">").Append(Html(message)).Append("</p>\n")
            .Append("<p id=\"account\" class=\"account\"></p>\n")
            .Append("<div class=\"buttons\"><button type=\"button\" id=\"connect\">Connect wallet</button>")
            .Append("<button type=\"button\" id=\"sign\" disabled>Sign</button></div></section>\n");
    }

    /// <summary>What signer.js needs; System.Text.Json escapes &lt; &gt; &amp; so the block cannot end early.</summary>
    private static string Data(TransactionReview review)
    {
        TransactionView tx = review.Transaction;
        var data = new JsonObject
        {
            ["safeTxHash"] = tx.SafeTxHash,
            ["chainId"] = tx.ChainId,
            ["status"] = tx.Status.ToString(),
            ["collecting"] = review.Collecting && review.Problem is null,
            ["threshold"] = tx.Threshold,
            ["owners"] = new JsonArray(review.Owners.Select(owner => (JsonNode)JsonValue.Create(owner)).ToArray()),
            ["signed"] = new JsonArray(tx.Signatures.Select(s => (JsonNode)JsonValue.Create(s.Owner)).ToArray()),
            ["signaturesUrl"] = $"/api/transactions/{tx.SafeTxHash}/signatures",
            ["typedData"] = tx.TypedData.ToJsonString(),
        };
        return data.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
    }
}
