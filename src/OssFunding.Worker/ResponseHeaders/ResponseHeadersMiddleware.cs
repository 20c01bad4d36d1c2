using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace OssFunding.Worker.ResponseHeaders;

/// <summary>
/// The one home of the headers SPEC §14 asks of every response the worker writes (API, problems, pages, reports,
/// probes): no MIME sniffing, no referrer, nothing stored by a cache (they carry ledger state) except the pages' own
/// assets, which are revalidated; an HTML response also gets its endpoint's <see cref="ContentSecurityPolicy"/> and is
/// never framed. Set when the response starts, so they hold whatever wrote it (an endpoint, the exception handler, the
/// status code pages, the rate limiter) and whatever headers that code cleared before.
/// </summary>
internal static class ResponseHeadersMiddleware
{
    /// <summary>The pages' stylesheet and script: the only responses a browser may keep (and must revalidate).</summary>
    public const string AssetsPath = "/assets";

    /// <summary>First in the pipeline, so every response passes here.</summary>
    public static WebApplication UseWorkerResponseHeaders(this WebApplication app)
    {
        app.Use((http, next) =>
        {
            http.Response.OnStarting(() =>
            {
                Apply(http);
                return Task.CompletedTask;
            });
            return next(http);
        });
        return app;
    }

    private static void Apply(HttpContext http)
    {
        IHeaderDictionary headers = http.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = http.Request.Path.StartsWithSegments(AssetsPath) ? "no-cache" : "no-store";
        if (IsHtml(http.Response.ContentType))
        {
            ContentSecurityPolicy policy = http.GetEndpoint()?.Metadata.GetMetadata<ContentSecurityPolicy>() ?? ContentSecurityPolicy.Nothing;
            headers.ContentSecurityPolicy = policy.Header;
            headers.XFrameOptions = "DENY"; // for browsers that predate frame-ancestors
        }
    }

    private static bool IsHtml(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out MediaTypeHeaderValue? type) && type.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase);
}
