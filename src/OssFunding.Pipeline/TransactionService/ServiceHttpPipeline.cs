using System.Net;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace OssFunding.Pipeline.TransactionService;

/// <summary>
/// The Polly v8 pipeline around every Transaction Service request: retry (outermost), then the service's rate-limit
/// headers (<see cref="RateLimitHeaderStrategy"/>), then a per-attempt timeout. Retries 429 (honouring
/// <c>Retry-After</c>, else <c>X-RateLimit-Reset</c>, as the hosted service's rate limiter asks), 5xx, timeouts and
/// connection failures; never 4xx answers, which would only be refused again.
/// </summary>
internal static class ServiceHttpPipeline
{
    public static ResiliencePipeline<HttpResponseMessage> Build(TransactionServicePolicy policy, ILogger logger) =>
        new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = policy.Clock }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome, args.Context)),
                MaxRetryAttempts = policy.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = policy.RetryBaseDelay,
                MaxDelay = policy.MaxRetryDelay,
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result, policy.MaxRetryDelay)),
                OnRetry = args =>
                {
                    logger.LogWarning(
                        "Transaction Service {Operation} answered {Answer}; retry {Attempt} of {MaxAttempts} in {Delay}",
                        args.Context.OperationKey, Describe(args.Outcome), args.AttemptNumber + 1, policy.MaxRetryAttempts, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            })
            .AddStrategy(
                context => new RateLimitHeaderStrategy(new RateLimitHeaderOptions { MaxWait = policy.MaxRetryDelay }, context.TimeProvider, logger),
                new RateLimitHeaderOptions { MaxWait = policy.MaxRetryDelay })
            .AddTimeout(policy.AttemptTimeout)
            .Build();

    public static bool IsTransientStatus(HttpStatusCode status) =>
        status == HttpStatusCode.TooManyRequests || (int)status >= 500;

    private static bool IsTransient(Outcome<HttpResponseMessage> outcome, ResilienceContext context) => outcome switch
    {
        { Result: { } response } => IsTransientStatus(response.StatusCode),
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        { Exception: OperationCanceledException } => !context.CancellationToken.IsCancellationRequested,
        _ => false,
    };

    /// <summary>
    /// The wait a 429 or 503 asks for (Retry-After as delta-seconds or an HTTP date, else a used-up window's
    /// X-RateLimit-Reset), capped; null lets the backoff decide.
    /// </summary>
    private static TimeSpan? RetryAfter(HttpResponseMessage? response, TimeSpan cap)
    {
        var header = response?.Headers.RetryAfter;
        TimeSpan? untilDate = header?.Date is { } date ? date - DateTimeOffset.UtcNow : null;
        var wait = header?.Delta ?? untilDate ?? (response is null ? null : RateLimitHeaderStrategy.WindowWait(response));
        if (wait is not { } delay)
        {
            return null;
        }

        return delay < TimeSpan.Zero ? TimeSpan.Zero : delay > cap ? cap : delay;
    }

    private static string Describe(Outcome<HttpResponseMessage> outcome) =>
        outcome.Result is { } response ? $"HTTP {(int)response.StatusCode}" : outcome.Exception?.GetType().Name ?? "nothing";
}
