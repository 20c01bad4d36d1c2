using System.Net;

namespace OssFunding.Chain.Rpc;

/// <summary>
/// Keeps one RPC endpoint within its provider's request rate: at most <c>Chain:MaxRequestsPerSecond</c> requests a
/// second (evenly spaced; 0 = no limit), and an HTTP 429 holds every request to this endpoint for its
/// <c>Retry-After</c> (1 s when absent, at most <see cref="MaxHold"/>) and then sends the request again, up to
/// <see cref="MaxRateLimitedRetries"/> times. A public endpoint's rate limit then costs waiting, not failed polls and
/// refused calls that count against the quota.
/// </summary>
internal sealed class RpcPacingHandler(double maxRequestsPerSecond, TimeProvider clock) : DelegatingHandler
{
    internal const int MaxRateLimitedRetries = 5;

    internal static readonly TimeSpan MaxHold = TimeSpan.FromSeconds(30);

    private readonly TimeSpan spacing = maxRequestsPerSecond > 0 ? TimeSpan.FromSeconds(1 / maxRequestsPerSecond) : TimeSpan.Zero;
    private readonly Lock gate = new();
    private DateTimeOffset nextSlot = DateTimeOffset.MinValue;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            await WaitForSlotAsync(cancellationToken);
            var response = await base.SendAsync(request, cancellationToken);
            if (response.StatusCode != HttpStatusCode.TooManyRequests || attempt == MaxRateLimitedRetries)
            {
                return response;
            }

            Hold(RetryAfter(response));
            response.Dispose();
        }
    }

    /// <summary>Takes the next free slot and waits for it: requests leave at most one per spacing.</summary>
    private Task WaitForSlotAsync(CancellationToken cancellationToken)
    {
        DateTimeOffset slot;
        lock (gate)
        {
            var now = clock.GetUtcNow();
            slot = nextSlot > now ? nextSlot : now;
            nextSlot = slot + spacing;
        }

        var wait = slot - clock.GetUtcNow();
        return wait > TimeSpan.Zero ? Task.Delay(wait, clock, cancellationToken) : Task.CompletedTask;
    }

    private void Hold(TimeSpan wait)
    {
        lock (gate)
        {
            var until = clock.GetUtcNow() + wait;
            if (until > nextSlot)
            {
                nextSlot = until;
            }
        }
    }

    private TimeSpan RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        var wait = header?.Delta ?? (header?.Date is { } date ? date - clock.GetUtcNow() : TimeSpan.FromSeconds(1));
        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait > MaxHold ? MaxHold : wait;
    }
}
