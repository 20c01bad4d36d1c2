using Microsoft.AspNetCore.Http;

namespace OssFunding.Worker.Pages;

/// <summary>
/// Writes a page: its status and HTML (nothing for HEAD). Its headers (Content-Security-Policy, nosniff, no referrer,
/// no caching) come from the one response-headers middleware, after the policy each page endpoint declares.
/// </summary>
internal static class PageResponse
{
    public const string HtmlType = "text/html; charset=utf-8";

    public static IResult Html(int status, string html) => new HtmlPage(status, html);

    private sealed class HtmlPage(int status, string html) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            HttpResponse response = httpContext.Response;
            response.StatusCode = status;
            response.ContentType = HtmlType;
            return HttpMethods.IsHead(httpContext.Request.Method) ? Task.CompletedTask : response.WriteAsync(html);
        }
    }
}
