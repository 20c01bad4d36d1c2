namespace OssFunding.Pipeline.TransactionService;

/// <summary>
/// Resilience of calls to the Safe Transaction Service: a timeout per attempt, and retries with exponential backoff and
/// jitter on 429 (waiting what <c>Retry-After</c> asks, up to <see cref="MaxRetryDelay"/>), 5xx, timeouts and
/// connection failures; after an answer that leaves no request in the service's rate-limit window, requests wait for the
/// window to reset (also capped by <see cref="MaxRetryDelay"/>). Registered as a singleton; tests replace it with short delays.
/// </summary>
public sealed record TransactionServicePolicy
{
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(15);

    public int MaxRetryAttempts { get; init; } = 4;

    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest single wait, also the cap on a <c>Retry-After</c> the service asks for.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The clock the waits run on (the system clock; a test may pass its own).</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
