using OssFunding.Core.Configuration;
using OssFunding.Core.Links;
using OssFunding.Core.Tests.Allocations;
using OssFunding.TestSupport;
using static OssFunding.Core.Tests.Allocations.AllocationFile;

namespace OssFunding.Core.Tests.Text;

/// <summary>SPEC §14, links are https: approval_ref and proof_url are refused at import with the reason for any other scheme.</summary>
public sealed class LinksAreHttpsTests : LedgerFixture
{
    [Theory]
    [InlineData("javascript:alert(1)", "the scheme 'javascript:' is not allowed")]
    [InlineData("data:text/html,<script>alert(1)</script>", "the scheme 'data:' is not allowed")]
    [InlineData("file:///etc/passwd", "the scheme 'file:' is not allowed")]
    [InlineData("/t/decision-1", "it is not an absolute URL")]
    [InlineData("forum decision 12", "it is not an absolute URL")]
    [InlineData("http://forum.example/t/1", "the scheme 'http:' is not allowed (http is accepted only with Links:AllowHttp)")]
    [InlineData("https://user:secret@forum.example/t/1", "with a host and without user:password@")]
    public async Task An_approval_ref_that_is_not_an_https_link_is_refused_with_the_reason(string approvalRef, string reason)
    {
        var outcome = await Host.ImportCsvAsync(Csv(Row("link-1").With("approval_ref", approvalRef)));

        var error = Assert.Single(outcome.Errors);
        Assert.Equal(("approval_ref", 2), (error.Column, error.Line));
        Assert.Contains("must be an absolute https:// URL", error.Reason, StringComparison.Ordinal);
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
        Assert.Null(await Host.Allocations.GetAsync("link-1", CancellationToken.None));
    }

    [Fact]
    public async Task A_proof_url_with_another_scheme_is_refused()
    {
        var outcome = await Host.ImportProjectsAsync($"name,recipient,proof_url,effective_from\nuvicorn,{TestAddresses.Recipient(3)},javascript:alert(1),2025-01-01\n");

        Assert.Contains("the scheme 'javascript:' is not allowed", Assert.Single(outcome.Errors).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Http_is_accepted_only_when_links_allow_http()
    {
        await using var allowing = await LedgerTestHost.StartAsync(StorageProvider.Sqlite, ConnectionString, new Dictionary<string, string?> { ["Links:AllowHttp"] = "true" });

        var outcome = await allowing.ImportCsvAsync(Csv(Row("http-1").With("approval_ref", "http://intranet.example/decisions/1")));
        var javascript = await allowing.ImportCsvAsync(Csv(Row("js-1").With("approval_ref", "javascript:alert(1)")));

        Assert.True(outcome.Succeeded, string.Join('\n', outcome.Errors));
        Assert.Contains("must be an absolute https:// or http:// URL: the scheme 'javascript:' is not allowed", Assert.Single(javascript.Errors).Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://forum.example/t/1", true)]
    [InlineData("http://forum.example/t/1", true)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData("data:text/html,x", false)]
    [InlineData("file:///etc/passwd", false)]
    [InlineData("/relative", false)]
    [InlineData("https://forum.example/\u202Et/1", false)]
    public void Renderers_link_only_what_the_rule_allows(string url, bool clickable) =>
        Assert.Equal(clickable, ExternalLink.Clickable(url) is not null);
}
