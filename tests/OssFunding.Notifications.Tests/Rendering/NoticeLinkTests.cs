using Microsoft.Extensions.DependencyInjection;
using OssFunding.Notifications.Rendering;
using OssFunding.Notifications.Tests.Support;
using OssFunding.Pipeline.Notices;
using OssFunding.Pipeline.Transactions;

namespace OssFunding.Notifications.Tests.Rendering;

/// <summary>
/// The links a notice gives a signer (SPEC §9): the worker's signer page at <c>Notifications:PublicBaseUrl</c>, and
/// Safe{Wallet} only where it can show the transaction (Signing:Mode=TransactionService, a chain it serves).
/// </summary>
public sealed class NoticeLinkTests
{
    private const string BaseUrl = "https://funding.example.org/";

    [Fact]
    public void A_pending_notice_links_the_signer_page_at_the_public_base_url()
    {
        var links = Links(new() { ["Notifications:PublicBaseUrl"] = BaseUrl }, NoticeKind.TxPending);

        Assert.Equal($"https://funding.example.org/sign/{SampleNotices.SafeTxHash}", links["Sign on the signer page"]);
        Assert.DoesNotContain(links.Values, url => url.Contains("app.safe.global", StringComparison.Ordinal));
    }

    [Fact]
    public void Other_transaction_notices_link_the_page_without_asking_to_sign()
    {
        var links = Links(new() { ["Notifications:PublicBaseUrl"] = BaseUrl }, NoticeKind.TxExecuted);

        Assert.Equal($"https://funding.example.org/sign/{SampleNotices.SafeTxHash}", links["Signer page"]);
        Assert.DoesNotContain("Sign on the signer page", links.Keys);
    }

    [Fact]
    public void Without_a_public_base_url_there_is_no_signer_page_link()
    {
        var links = Links(new() { ["Notifications:PublicBaseUrl"] = "" }, NoticeKind.TxPending);

        Assert.DoesNotContain(links.Values, url => url.Contains("/sign/", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(1, "eth")]
    [InlineData(10, "oeth")]
    [InlineData(56, "bnb")]
    [InlineData(100, "gno")]
    [InlineData(8453, "base")]
    [InlineData(42161, "arb1")]
    [InlineData(84532, "basesep")]
    [InlineData(11155111, "sep")]
    public void In_transaction_service_mode_the_notice_links_safe_wallet_with_the_chains_prefix(long chainId, string prefix)
    {
        var view = SampleNotices.Transaction() with { ChainId = chainId };
        var links = Links(new() { ["Notifications:PublicBaseUrl"] = BaseUrl, ["Signing:Mode"] = "TransactionService" }, NoticeKind.TxPending, view);

        Assert.Equal(
            $"https://app.safe.global/transactions/tx?safe={prefix}:{view.Safe}&id=multisig_{view.Safe}_{SampleNotices.SafeTxHash}",
            links["Sign in Safe{Wallet}"]);
        Assert.Equal($"https://funding.example.org/sign/{SampleNotices.SafeTxHash}", links["Sign on the signer page"]);
    }

    [Theory]
    [InlineData(31337)]
    [InlineData(421614)]
    public void A_chain_safe_wallet_does_not_serve_gets_no_safe_wallet_link(long chainId)
    {
        var view = SampleNotices.Transaction() with { ChainId = chainId };
        var links = Links(new() { ["Signing:Mode"] = "TransactionService" }, NoticeKind.TxPending, view);

        Assert.DoesNotContain("Sign in Safe{Wallet}", links.Keys);
    }

    [Fact]
    public void In_local_mode_there_is_no_safe_wallet_link_it_could_not_show_the_transaction()
    {
        var links = Links(new() { ["Signing:Mode"] = "Local", ["Notifications:PublicBaseUrl"] = BaseUrl }, NoticeKind.Reminder);

        Assert.DoesNotContain("Sign in Safe{Wallet}", links.Keys);
        Assert.Contains("Sign on the signer page", links.Keys);
    }

    private static Dictionary<string, string> Links(Dictionary<string, string?> settings, NoticeKind kind, TransactionView? view = null)
    {
        using ServiceProvider services = Documents.Create(settings);
        NoticeDocument document = Documents.ForTransaction(services, kind, view ?? SampleNotices.Transaction(), "summary");
        return document.Links.ToDictionary(link => link.Label, link => link.Url);
    }
}
