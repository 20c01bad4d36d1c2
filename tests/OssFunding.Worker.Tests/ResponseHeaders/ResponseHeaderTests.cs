using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using OssFunding.Worker.Tests.Support;
using static OssFunding.Worker.Tests.Support.RunningWorker;

namespace OssFunding.Worker.Tests.ResponseHeaders;

/// <summary>
/// SPEC §14: every response carries nosniff and no-referrer; ledger data is never stored by a cache; an HTML response
/// has a Content-Security-Policy allowing only what that page loads, and cannot be framed. The signer page's own policy
/// is held in SignerPageHttpTests and, in a real browser, SignerPageBrowserTests.
/// </summary>
[Collection(RunningWorkerCollection.Name)]
public sealed partial class ResponseHeaderTests(RunningWorker worker)
{
    [Fact]
    public async Task A_json_response_is_not_sniffed_referred_or_stored()
    {
        using HttpResponseMessage response = await worker.Client.GetAsync("api/allocations");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertCommonHeaders(response, "no-store");
        Assert.False(response.Headers.Contains("Content-Security-Policy"), "a JSON response needs no page policy");
    }

    [Fact]
    public async Task Problems_from_an_endpoint_the_framework_and_the_exception_handler_carry_the_headers()
    {
        // An endpoint's 400, the framework's 404, the access filter's 401 and the exception handler's 413 (which clears
        // the response before writing its problem).
        using HttpResponseMessage badQuery = await worker.Client.GetAsync("api/allocations?status=Nope");
        using HttpResponseMessage unknownRoute = await worker.Client.GetAsync("api/nothing-here");
        using HttpResponseMessage noToken = await worker.Client.SendAsync(Post("api/allocations", "x", "text/csv"));
        using HttpResponseMessage tooLarge = await worker.Client.SendAsync(OverTheBodyLimit());

        foreach ((HttpResponseMessage response, HttpStatusCode status) in new[]
        {
            (badQuery, HttpStatusCode.BadRequest), (unknownRoute, HttpStatusCode.NotFound),
            (noToken, HttpStatusCode.Unauthorized), (tooLarge, HttpStatusCode.RequestEntityTooLarge),
        })
        {
            await Json.ReadProblemAsync(response, status);
            AssertCommonHeaders(response, "no-store");
        }
    }

    [Fact]
    public async Task The_html_report_may_load_only_its_own_stylesheet_by_hash_and_cannot_be_framed()
    {
        using HttpResponseMessage response = await worker.Client.GetAsync("api/reports/2025-01?format=html");
        string html = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, html);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        AssertCommonHeaders(response, "no-store");
        string styleHash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Assert.Single(StyleElements().Matches(html)).Groups[1].Value)));
        Assert.Equal(
            $"default-src 'none'; style-src 'sha256-{styleHash}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
            Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        // The file's own policy (for a copy opened from disk) allows the same stylesheet, not every inline style.
        Assert.Contains($"style-src 'sha256-{styleHash}'\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_json_report_is_ledger_data_and_is_not_stored()
    {
        using HttpResponseMessage response = await worker.Client.GetAsync("api/reports/2025-01?format=json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertCommonHeaders(response, "no-store");
    }

    [Fact]
    public async Task The_pages_assets_are_revalidated_and_typed()
    {
        using HttpResponseMessage css = await worker.Client.GetAsync("assets/pages.css");

        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
        AssertCommonHeaders(css, "no-cache");
    }

    internal static void AssertCommonHeaders(HttpResponseMessage response, string cacheControl)
    {
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Equal(cacheControl, response.Headers.CacheControl?.ToString());
    }

    /// <summary>One byte over Api:MaxBodyBytes, with Expect: 100-continue so the worker refuses on the declared length.</summary>
    private static HttpRequestMessage OverTheBodyLimit()
    {
        var content = new ByteArrayContent(new byte[(10 * 1024 * 1024) + 1]);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        HttpRequestMessage request = AsAdmin(new HttpRequestMessage(HttpMethod.Post, "api/allocations") { Content = content });
        request.Headers.ExpectContinue = true;
        return request;
    }

    [GeneratedRegex("<style>(.*?)</style>", RegexOptions.Singleline)]
    private static partial Regex StyleElements();
}
