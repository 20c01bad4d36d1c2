namespace OssFunding.Notifications.Delivery;

/// <summary>
/// <c>Notifications:Delivery</c>: how hard the dispatcher tries. Retries inside one attempt are quick (a dropped
/// connection); attempts are spread by a persisted exponential schedule with jitter, up to <see cref="MaxAttempts"/>.
/// </summary>
public sealed class DeliveryOptions
{
    public const string Section = "Notifications:Delivery";

    /// <summary>After this many failed attempts a delivery is Dead (counted in the metrics, kept in the table).</summary>
    public int MaxAttempts { get; set; } = 12;

    /// <summary>Wait before the second attempt; doubles per attempt (± 20 % jitter) up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(6);

    /// <summary>Limit of one attempt, its quick retries included.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Limit of one HTTP request or SMTP session.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Quick retries inside one attempt (network errors, 5xx, 408, 429).</summary>
    public int RetriesWithinAttempt { get; set; } = 2;

    public TimeSpan RetryDelayWithinAttempt { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Deliveries tried per channel per run; the rest wait for the next run.</summary>
    public int BatchSize { get; set; } = 50;

    /// <summary>Notices fanned out into deliveries per run.</summary>
    public int FanOutBatchSize { get; set; } = 200;

    /// <summary>How often the dispatcher job runs.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A claimed delivery is not tried by anyone else until this long after its claim: a worker that died mid-send
    /// leaves it to be retried (with the same delivery id) once the lease runs out.
    /// </summary>
    public TimeSpan Lease => AttemptTimeout + TimeSpan.FromMinutes(1);
}
