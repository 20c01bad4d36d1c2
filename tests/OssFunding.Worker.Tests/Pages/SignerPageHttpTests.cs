using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using OssFunding.TestSupport;
using OssFunding.Worker.Tests.ResponseHeaders;
using OssFunding.Worker.Tests.Support;
using static OssFunding.Worker.Tests.Support.RunningWorker;

namespace OssFunding.Worker.Tests.Pages;

/// <summary>A worker on the shared devnet with one transaction waiting for signatures and one published report folder.</summary>
public sealed class PageWorker : IAsyncLifetime
{
    private readonly string _reports = Directory.CreateTempSubdirectory("ossfunding-pages-").FullName;
    private ConfiguredWorker? _worker;

    internal ConfiguredWorker Worker => _worker ?? throw new InvalidOperationException("not started");

    public string AllocationId => Transaction.GetProperty("payments")[0].GetProperty("allocationId").GetString()!;

    public JsonElement Transaction { get; private set; }

    public string Hash => Transaction.GetProperty("safeTxHash").GetString()!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(_reports, "2025-01"));
        await File.WriteAllTextAsync(Path.Combine(_reports, "2025-01", "report-2025-01.json"), "{}");
        Directory.CreateDirectory(Path.Combine(_reports, "not-a-month"));
        _worker = await ConfiguredWorker.StartAsync(new Dictionary<string, string> { ["Reports__PublishFolder"] = _reports });
        await Worker.RegisterProjectsAsync();
        Transaction = await Worker.DraftAsync("page", "12.5");
    }

    public async Task DisposeAsync()
    {
        if (_worker is not null)
        {
            await _worker.DisposeAsync();
        }

        Directory.Delete(_reports, recursive: true);
    }
}

/// <summary>
/// <c>GET /sign/{safeTxHash}</c> and <c>GET /</c> over HTTP (SPEC §7, §14): what the page shows, and the headers that keep
/// it from running anything but its own script or being framed. The browser test drives the wallet part.
/// </summary>
public sealed partial class SignerPageHttpTests(PageWorker pages) : IClassFixture<PageWorker>
{
    private HttpClient Client => pages.Worker.Client;

    [Fact]
    public async Task The_signer_page_shows_the_payment_the_safe_and_who_must_sign()
    {
        using HttpResponseMessage response = await Client.GetAsync($"sign/{pages.Hash}");
        string html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        JsonElement tx = pages.Transaction;
        Assert.Contains("12.5 LPT", html, StringComparison.Ordinal);
        Assert.Contains("<strong>FFmpeg</strong>", html, StringComparison.Ordinal);
        Assert.Contains(TestData.FfmpegWallet, html, StringComparison.Ordinal);
        Assert.Contains(pages.AllocationId, html, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"https://forum.example.org/t/{pages.AllocationId}\" rel=\"noopener noreferrer\">", html, StringComparison.Ordinal);
        Assert.Contains(tx.GetProperty("safe").GetString()!, html, StringComparison.Ordinal);
        Assert.Contains(pages.Hash, html, StringComparison.Ordinal);
        Assert.Contains($"<dt>Nonce</dt><dd>{tx.GetProperty("nonce").GetInt64()}</dd>", html, StringComparison.Ordinal);
        Assert.Contains($"<dd id=\"signature-count\">0/{tx.GetProperty("threshold").GetInt32()}</dd>", html, StringComparison.Ordinal);
        foreach (JsonElement missing in tx.GetProperty("missingOwners").EnumerateArray())
        {
            Assert.Contains(missing.GetString()!, html, StringComparison.Ordinal);
        }

        Assert.Contains("<ul class=\"totals\"><li>12.5 LPT</li></ul>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_page_carries_exactly_the_typed_data_the_api_gives_for_signing()
    {
        string html = await Client.GetStringAsync($"sign/{pages.Hash}");

        Match block = DataBlock().Match(html);
        Assert.True(block.Success, "the page has no signer-data block");
        JsonElement data = JsonDocument.Parse(block.Groups[1].Value).RootElement;
        Assert.Equal(pages.Transaction.GetProperty("typedData").GetRawText(), data.GetProperty("typedData").GetString());
        Assert.Equal(pages.Transaction.GetProperty("chainId").GetInt64(), data.GetProperty("chainId").GetInt64());
        Assert.True(data.GetProperty("collecting").GetBoolean());
        Assert.Equal($"/api/transactions/{pages.Hash}/signatures", data.GetProperty("signaturesUrl").GetString());
    }

    [Fact]
    public async Task The_page_runs_only_the_workers_own_script_and_stylesheet_and_cannot_be_framed()
    {
        using HttpResponseMessage response = await Client.GetAsync($"sign/{pages.Hash}");
        string html = await response.Content.ReadAsStringAsync();

        ResponseHeaderTests.AssertCommonHeaders(response, "no-store");
        Assert.Equal(
            "default-src 'none'; style-src 'self'; script-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
            Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        // Nothing inline for the policy to allow: the one script and the one stylesheet are the worker's own files.
        Assert.Equal(["<script src=\"/assets/signer.js\">"], ScriptTags().Matches(html).Select(m => m.Value).ToArray());
        Assert.Contains("<link rel=\"stylesheet\" href=\"/assets/pages.css\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<style", html, StringComparison.Ordinal);
        Assert.DoesNotContain(" style=", html, StringComparison.Ordinal);
        Assert.DoesNotMatch("(src|href)=\"(https?:)?//(?!forum\\.example\\.org)", html);
    }

    [Fact]
    public async Task The_index_may_load_only_its_stylesheet()
    {
        using HttpResponseMessage response = await Client.GetAsync("");

        ResponseHeaderTests.AssertCommonHeaders(response, "no-store");
        Assert.Equal("default-src 'none'; style-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
            Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
    }

    [Fact]
    public async Task The_script_is_the_workers_own_file_from_its_build()
    {
        using HttpResponseMessage response = await Client.GetAsync("assets/signer.js");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        ResponseHeaderTests.AssertCommonHeaders(response, "no-cache");
        string source = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "src", "OssFunding.Worker", "Pages", "Assets", "signer.js"));
        Assert.Equal(source, await response.Content.ReadAsStringAsync());
        Assert.DoesNotContain("import(", source, StringComparison.Ordinal);
        Assert.DoesNotMatch("https?://", source);
    }

    [Theory]
    [InlineData("0x0000000000000000000000000000000000000000000000000000000000000001", HttpStatusCode.NotFound, "Unknown transaction")]
    [InlineData("0x1234", HttpStatusCode.BadRequest, "Not a transaction hash")]
    [InlineData("%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E", HttpStatusCode.BadRequest, "&lt;img")]
    public async Task An_unknown_or_malformed_hash_answers_a_clear_page(string hash, HttpStatusCode status, string shown)
    {
        using HttpResponseMessage response = await Client.GetAsync($"sign/{hash}");
        string html = await response.Content.ReadAsStringAsync();

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(shown, html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", string.Join(";", response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_index_links_the_pending_transaction_and_the_published_reports()
    {
        using HttpResponseMessage response = await Client.GetAsync("");
        string html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(pages.Transaction.GetProperty("safe").GetString()!, html, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"/sign/{pages.Hash}\">", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/api/reports/2025-01?format=html\">2025-01</a>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("not-a-month", html, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", string.Join(";", response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("assets/signer.js")]
    [InlineData("sign/0x0000000000000000000000000000000000000000000000000000000000000001")]
    public async Task Every_page_answers_head_with_its_status_and_headers_and_no_body(string path)
    {
        using HttpResponseMessage get = await Client.GetAsync(path);
        using HttpResponseMessage head = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));

        Assert.Equal(get.StatusCode, head.StatusCode);
        Assert.Equal("nosniff", Assert.Single(head.Headers.GetValues("X-Content-Type-Options")));
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [GeneratedRegex("<script type=\"application/json\" id=\"signer-data\">(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex DataBlock();

    [GeneratedRegex("<script(?! type=\"application/json\")[^>]*>")]
    private static partial Regex ScriptTags();
}
