using System.Globalization;
using Microsoft.Extensions.Logging;
using Polly;

namespace OssFunding.Pipeline.TransactionService;

/// <summary>Options of <see cref="RateLimitHeaderStrategy"/> (Polly wants one per strategy; the cap is the policy's).</summary>
internal sealed class RateLimitHeaderOptions : ResilienceStrategyOptions
{
    public TimeSpan MaxWait { get; init; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// A Polly strategy that paces requests by what the hosted service says (docs.safe.global/core-api/api-authentication):
/// every answer carries <c>X-RateLimit-Remaining</c> (requests left in the window) and <c>X-RateLimit-Reset</c>
/// (seconds until the window resets, not a timestamp); a 429 carries <c>Retry-After</c>. After an answer that leaves
/// nothing in the window, or a 429, the next request (of any caller of this client) waits until the window resets,
/// at most <see cref="RateLimitHeaderOptions.MaxWait"/>, instead of spending it on refusals. Sits inside the retry, so
/// each attempt is paced, and outside the per-attempt timeout, so waiting is not a timeout.
/// </summary>
internal sealed class RateLimitHeaderStrategy(RateLimitHeaderOptions options, TimeProvider clock, ILogger logger) : ResilienceStrategy<HttpResponseMessage>
{
    public const string RemainingHeader = "X-RateLimit-Remaining";
    public const string ResetHeader = "X-RateLimit-Reset";

    private long resumeAtTicks;

    protected override async ValueTask<Outcome<HttpResponseMessage>> ExecuteCore<TState>(
        Func<ResilienceContext, TState, ValueTask<Outcome<HttpResponseMessage>>> callback, ResilienceContext context, TState state)
    {
        var wait = new DateTimeOffset(Interlocked.Read(ref resumeAtTicks), TimeSpan.Zero) - clock.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            logger.LogInformation("Transaction Service rate limit reached; {Operation} waits {Delay} for the window to reset", context.OperationKey, wait);
            try
            {
                await Task.Delay(wait, clock, context.CancellationToken).ConfigureAwait(context.ContinueOnCapturedContext);
            }
            catch (OperationCanceledException exception)
            {
                return Outcome.FromException<HttpResponseMessage>(exception);
            }
        }

        var outcome = await callback(context, state).ConfigureAwait(context.ContinueOnCapturedContext);
        if (outcome.Result is { } response && WindowWait(response) is { } pause)
        {
            var until = clock.GetUtcNow() + (pause > options.MaxWait ? options.MaxWait : pause);
            Interlocked.Exchange(ref resumeAtTicks, until.UtcTicks);
        }

        return outcome;
    }

    /// <summary>How long until requests are welcome again, when this answer says the window is used up; else null.</summary>
    internal static TimeSpan? WindowWait(HttpResponseMessage response)
    {
        if (response.StatusCode == System.Net.HttpStatusCode.TooManyRequests && response.Headers.RetryAfter?.Delta is { } retryAfter)
        {
            return retryAfter;
        }

        var remaining = Number(response, RemainingHeader);
        var reset = Number(response, ResetHeader);
        return remaining <= 0 && reset > 0 ? TimeSpan.FromSeconds(reset.Value) : null;
    }

    private static double? Number(HttpResponseMessage response, string header) =>
        response.Headers.TryGetValues(header, out var values)
        && double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;
}
