using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OssFunding.Core.Configuration;

namespace OssFunding.Worker.Api.RateLimits;

/// <summary>
/// <c>Api:RateLimits:Writes</c> on the whole <c>/api</c> group: every method but GET/HEAD takes a permit from its client
/// address's fixed window, so a new write endpoint cannot forget it and reads are never slowed. No queue: an
/// over-limit write is answered at once with 429 rather than held open.
/// </summary>
internal sealed class WriteRateLimitPolicy(IOptions<ApiOptions> api, ILogger<WriteRateLimitPolicy> logger) : IRateLimiterPolicy<string>
{
    public const string Name = "writes";

    /// <summary>Cannot collide with a client address, which always contains '.' or ':' (or is "unknown").</summary>
    private const string ReadsPartition = "reads";

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => RejectAsync;

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        if (HttpMethods.IsGet(httpContext.Request.Method) || HttpMethods.IsHead(httpContext.Request.Method))
        {
            return RateLimitPartition.GetNoLimiter(ReadsPartition);
        }

        RateLimitWindowOptions writes = api.Value.RateLimits.Writes;
        return RateLimitPartition.GetFixedWindowLimiter(ClientAddress.Of(httpContext), _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = writes.PermitLimit,
            Window = TimeSpan.FromSeconds(writes.WindowSeconds),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    private async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken) =>
        await RateLimitRefusal.Problem(context.HttpContext, RateLimitPolicy.Writes, api.Value, context.Lease, logger).ExecuteAsync(context.HttpContext);
}
