using Microsoft.Extensions.Options;

namespace OssFunding.Notifications.Delivery;

/// <summary>
/// When a failed delivery is tried again, from the number of attempts so far: <c>FirstRetryDelay × 2^(attempts−1)</c>
/// capped at <c>MaxRetryDelay</c>, ± 20 % jitter so deliveries that failed together do not retry together, and never
/// sooner than a receiver's Retry-After.
/// </summary>
public sealed class RetrySchedule(IOptions<DeliveryOptions> options, Func<double>? random = null)
{
    public const double Jitter = 0.2;

    private readonly DeliveryOptions delivery = options.Value;
    private readonly Func<double> random = random ?? Random.Shared.NextDouble;

    public TimeSpan DelayAfter(int attempts, TimeSpan? retryAfter = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempts, 1);
        var exponent = Math.Min(attempts - 1, 40);
        var ticks = Math.Min(delivery.FirstRetryDelay.Ticks * Math.Pow(2, exponent), delivery.MaxRetryDelay.Ticks);
        var jittered = TimeSpan.FromTicks((long)(ticks * (1 - Jitter + (2 * Jitter * random()))));
        if (retryAfter is { } asked && asked > jittered)
        {
            jittered = asked;
        }

        return jittered > delivery.MaxRetryDelay ? delivery.MaxRetryDelay : jittered;
    }
}
