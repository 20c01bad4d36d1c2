using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace OssFunding.TransactionService.Tests.Fake;

/// <summary>
/// The hosted service's rate limiting as its docs describe it (docs.safe.global/core-api/api-authentication): a fixed
/// window of <c>requests</c>, opened by the first request; every answer says X-RateLimit-Limit, X-RateLimit-Remaining
/// and X-RateLimit-Reset (seconds until the window resets, not a timestamp); over the limit, 429 with Retry-After.
/// </summary>
internal sealed class FakeRateLimiter(int requests, TimeSpan window)
{
    private readonly Lock gate = new();
    private DateTimeOffset windowEnd = DateTimeOffset.MinValue;
    private int used;

    public async Task ApplyAsync(HttpContext context, RequestDelegate next)
    {
        int remaining;
        TimeSpan reset;
        bool allowed;
        lock (gate)
        {
            var now = DateTimeOffset.UtcNow;
            if (now >= windowEnd)
            {
                (windowEnd, used) = (now + window, 0);
            }

            allowed = used < requests;
            used += allowed ? 1 : 0;
            (remaining, reset) = (requests - used, windowEnd - now);
        }

        var seconds = ((int)Math.Ceiling(reset.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        context.Response.Headers["X-RateLimit-Limit"] = requests.ToString(CultureInfo.InvariantCulture);
        context.Response.Headers["X-RateLimit-Remaining"] = remaining.ToString(CultureInfo.InvariantCulture);
        context.Response.Headers["X-RateLimit-Reset"] = seconds;
        if (allowed)
        {
            await next(context);
            return;
        }

        context.Response.Headers.RetryAfter = seconds;
        await Results.Json(new { detail = "Request was throttled. Expected available in " + seconds + " seconds." }, statusCode: StatusCodes.Status429TooManyRequests)
            .ExecuteAsync(context);
    }
}
