using System.Text.Json.Nodes;
using OssFunding.Pipeline.Signing;
using OssFunding.Pipeline.Transactions;
using OssFunding.Worker.Pages;

namespace OssFunding.Worker.Tests.Pages;

/// <summary>
/// Every text on the signer page is data (SPEC §14): markup is encoded, invisible characters are shown escaped, and only
/// http(s) approval links become links.
/// </summary>
public sealed class SignerPageHtmlTests
{
    private const string Hash = "0x1111111111111111111111111111111111111111111111111111111111111111";
    private const string Owner = "0x2222222222222222222222222222222222222222";

    [Fact]
    public void Hostile_project_names_tokens_ids_and_links_are_shown_as_text()
    {
        string html = Render(new ReviewedPayment(
            "id-<b>bold</b>", "Safe\u202Egnp.exe<script>alert(1)</script>", Owner, "LP\u200BT\"><img src=x>", Owner, "1", "javascript:alert(1)"));

        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>bold", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.DoesNotContain("\u202E", html, StringComparison.Ordinal);
        Assert.DoesNotContain("\u200B", html, StringComparison.Ordinal);
        Assert.Contains("Safe\\u202Egnp.exe&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("LP\\u200BT", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"javascript", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<dt>Approval</dt><dd>javascript:alert(1)</dd>", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("data:text/html,<script>alert(1)</script>")]
    [InlineData("file:///etc/passwd")]
    [InlineData("/relative/path")]
    [InlineData("https://example.org/\u202Efdp.exe")]
    public void Only_absolute_http_links_become_links(string approval)
    {
        Assert.Null(PageText.Href(approval));
        Assert.DoesNotContain("<a href", PageText.LinkOrText(approval), StringComparison.Ordinal);
    }

    [Fact]
    public void An_https_approval_link_is_a_link_that_sends_no_referrer()
    {
        Assert.Equal("<a href=\"https://forum.example.org/t/1?a=1&amp;b=2\" rel=\"noopener noreferrer\">https://forum.example.org/t/1?a=1&amp;b=2</a>",
            PageText.LinkOrText("https://forum.example.org/t/1?a=1&b=2"));
    }

    [Fact]
    public void The_data_block_cannot_be_closed_by_a_text_inside_it()
    {
        string html = Render(new ReviewedPayment("a", "p", Owner, "LPT", Owner, "1", null), typedDataText: "</script><script>alert(1)</script>");

        int block = html.IndexOf("id=\"signer-data\">", StringComparison.Ordinal);
        string data = html[block..html.IndexOf("</script>", block, StringComparison.Ordinal)];
        Assert.DoesNotContain("<", data[data.IndexOf('>', StringComparison.Ordinal)..], StringComparison.Ordinal);
        Assert.True(data.Contains("script", StringComparison.Ordinal), data);
        Assert.Contains("u003C/script", data, StringComparison.Ordinal);
    }

    [Fact]
    public void A_transaction_that_does_not_rebuild_says_do_not_sign_and_offers_no_signing()
    {
        var review = new TransactionReview(View(TransactionStatus.AwaitingSignatures, "x"), [Owner], [], [], "the stored transaction differs in data.");

        string html = SignerPageHtml.Render(review, _ => null);

        Assert.Contains("<h2>Do not sign</h2>", html, StringComparison.Ordinal);
        Assert.Contains("the stored transaction differs in data.", html, StringComparison.Ordinal);
        Assert.Contains("\"collecting\":false", html, StringComparison.Ordinal);
    }

    private static string Render(ReviewedPayment payment, string typedDataText = "x") =>
        SignerPageHtml.Render(
            new TransactionReview(View(TransactionStatus.AwaitingSignatures, typedDataText), [Owner], [payment], [new TransactionTotalView(payment.Token, payment.Amount)], null),
            _ => null);

    private static TransactionView View(TransactionStatus status, string typedDataText) => new(
        Hash, Owner, 42161, 7, status, null, Owner, "0", "0x", 1, 3, "1.4.1", [], [], [], [Owner],
        new JsonObject { ["note"] = typedDataText }, null, null, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);
}
