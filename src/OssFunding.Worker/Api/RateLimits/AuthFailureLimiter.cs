using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using OssFunding.Core.Configuration;

namespace OssFunding.Worker.Api.RateLimits;

/// <summary>
/// <c>Api:RateLimits:AuthFailures</c>: each token the access filter refuses (401/403) spends a permit of the client's
/// fixed window; while none is left, the client's token-checked requests get 429 before any token is compared, so
/// guessing the admin token costs a window per few tries. Only refusals count, which the rate limiter middleware
/// cannot know before the request runs, hence a partitioned limiter of System.Threading.RateLimiting used directly.
/// </summary>
internal sealed class AuthFailureLimiter(IOptions<ApiOptions> api) : IDisposable
{
    private readonly Lazy<PartitionedRateLimiter<string>> _limiter = new(() =>
    {
        RateLimitWindowOptions failures = api.Value.RateLimits.AuthFailures;
        return PartitionedRateLimiter.Create<string, string>(client => RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = failures.PermitLimit,
            Window = TimeSpan.FromSeconds(failures.WindowSeconds),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
    });

    /// <summary>A failed lease (with its retry-after) when <paramref name="client"/> has no refusal left in this window, else null.</summary>
    public RateLimitLease? Blocked(string client)
    {
        // Zero permits asks whether any is left without spending one.
        RateLimitLease probe = _limiter.Value.AttemptAcquire(client, permitCount: 0);
        if (probe.IsAcquired)
        {
            probe.Dispose();
            return null;
        }

        return probe;
    }

    public void CountRefusal(string client) => _limiter.Value.AttemptAcquire(client).Dispose();

    public void Dispose()
    {
        if (_limiter.IsValueCreated)
        {
            _limiter.Value.Dispose();
        }
    }
}
