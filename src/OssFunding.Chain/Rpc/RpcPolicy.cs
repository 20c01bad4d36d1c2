namespace OssFunding.Chain.Rpc;

/// <summary>
/// Resilience settings of every RPC endpoint: per-call timeout, retries with exponential backoff and jitter, and a
/// circuit breaker that sends calls to the next <c>Chain:RpcUrls</c> entry while one endpoint keeps failing.
/// </summary>
public sealed record RpcPolicy
{
    public TimeSpan CallTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Retries on the same endpoint before failing over to the next one.</summary>
    public int MaxRetryAttempts { get; init; } = 2;

    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Failed calls (within <see cref="BreakerSamplingDuration"/>) that open an endpoint's breaker.</summary>
    public int BreakerMinimumThroughput { get; init; } = 3;

    public TimeSpan BreakerSamplingDuration { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan BreakDuration { get; init; } = TimeSpan.FromSeconds(30);
}
