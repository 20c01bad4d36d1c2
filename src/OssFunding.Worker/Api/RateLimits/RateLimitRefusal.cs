using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;
using OssFunding.Core.Configuration;
using Prometheus;

namespace OssFunding.Worker.Api.RateLimits;

/// <summary>One of the two limits, named as the operator configures it.</summary>
internal sealed record RateLimitPolicy(string Name, string ConfigurationKey, string Counted)
{
    public static readonly RateLimitPolicy Writes = new("writes", "Api:RateLimits:Writes", "writes");

    public static readonly RateLimitPolicy AuthFailures = new("auth-failures", "Api:RateLimits:AuthFailures", "refused tokens");

    public RateLimitWindowOptions WindowOf(ApiOptions api) => this == Writes ? api.RateLimits.Writes : api.RateLimits.AuthFailures;
}

/// <summary>
/// The 429 every limit answers with: <c>Retry-After</c> in whole seconds and a problem naming the limit, counted in
/// <c>ossfunding_api_rate_limited_total{policy}</c> so an operator sees a flood (or a too tight limit) on a dashboard.
/// </summary>
internal static class RateLimitRefusal
{
    private static readonly Counter Refused = Prometheus.Metrics.CreateCounter(
        "ossfunding_api_rate_limited_total",
        "API requests refused with 429 by a rate limit, per policy (writes, auth-failures).",
        new CounterConfiguration { LabelNames = ["policy"] });

    /// <summary>Both series exist from the start at 0, so a rate() over them works before the first refusal.</summary>
    public static void PublishMetrics()
    {
        Refused.WithLabels(RateLimitPolicy.Writes.Name).Publish();
        Refused.WithLabels(RateLimitPolicy.AuthFailures.Name).Publish();
    }

    public static ProblemHttpResult Problem(HttpContext http, RateLimitPolicy policy, ApiOptions api, RateLimitLease lease, ILogger logger)
    {
        RateLimitWindowOptions window = policy.WindowOf(api);
        int retryAfter = RetryAfterSeconds(lease, window);
        string client = ClientAddress.Of(http);
        http.Response.Headers[HeaderNames.RetryAfter] = retryAfter.ToString(CultureInfo.InvariantCulture);
        Refused.WithLabels(policy.Name).Inc();
        // A refusal is the client's doing, not a failure of the worker: Information, with what was refused and why.
        logger.LogInformation("Rate limit {RateLimitPolicy} refused {Method} {Path} from {ClientAddress}; retry after {RetryAfter} s",
            policy.Name, http.Request.Method, http.Request.Path, client, retryAfter);
        return TypedResults.Problem(
            string.Create(CultureInfo.InvariantCulture,
                $"Too many {policy.Counted} from {client}: {policy.ConfigurationKey} allows {window.PermitLimit} per {window.WindowSeconds} s. Retry after {retryAfter} s."),
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Too many requests",
            // ASP.NET Core has no default problem type for 429; RFC 6585 defines the status.
            type: "https://tools.ietf.org/html/rfc6585#section-4",
            extensions: new Dictionary<string, object?>
            {
                ["policy"] = policy.Name,
                ["limit"] = policy.ConfigurationKey,
                ["retryAfterSeconds"] = retryAfter,
            });
    }

    /// <summary>The limiter's own estimate when it gives one, else the whole window; never 0 (that would invite a retry storm).</summary>
    private static int RetryAfterSeconds(RateLimitLease lease, RateLimitWindowOptions window)
    {
        TimeSpan wait = lease.TryGetMetadata(MetadataName.RetryAfter, out TimeSpan retryAfter) ? retryAfter : TimeSpan.FromSeconds(window.WindowSeconds);
        return Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
    }
}
