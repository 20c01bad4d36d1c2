using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;

namespace OssFunding.Worker.Pages;

/// <summary>
/// Writes a page with the headers SPEC §14 asks of HTML: a Content-Security-Policy allowing nothing but the page's own
/// nonce-tagged style and script and requests to this origin, never framed; no MIME sniffing, no referrer, no caching
/// (the page shows ledger state).
/// </summary>
internal static class PageResponse
{
    public const string HtmlType = "text/html; charset=utf-8";

    /// <summary>A fresh nonce per response: a script or style the page did not write itself never carries it.</summary>
    public static string NewNonce() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(18));

    /// <param name="script">The page loads its script and posts signatures to this origin.</param>
    public static IResult Html(int status, string html, string nonce, bool script) => new HtmlPage(status, html, Policy(nonce, script));

    public static string Policy(string nonce, bool script) =>
        "default-src 'none'; "
        + $"style-src 'nonce-{nonce}'; "
        + (script ? $"script-src 'nonce-{nonce}'; connect-src 'self'; " : "")
        + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public static void SetCommonHeaders(HttpResponse response)
    {
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers.CacheControl = "no-store";
    }

    private sealed class HtmlPage(int status, string html, string policy) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            HttpResponse response = httpContext.Response;
            response.StatusCode = status;
            response.ContentType = HtmlType;
            SetCommonHeaders(response);
            response.Headers.ContentSecurityPolicy = policy;
            response.Headers.XFrameOptions = "DENY"; // for browsers that predate frame-ancestors
            return HttpMethods.IsHead(httpContext.Request.Method) ? Task.CompletedTask : response.WriteAsync(html);
        }
    }
}
