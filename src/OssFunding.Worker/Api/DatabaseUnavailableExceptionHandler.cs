using System.Data.Common;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace OssFunding.Worker.Api;

/// <summary>
/// While the ledger database cannot be reached (a restart, a failover), a request that needs it is answered 503 with
/// <c>Retry-After</c> and a problem saying so, instead of a 500 that reads like a bug: the client may retry, nothing was
/// changed (every write is one database transaction), and readiness says the same.
/// </summary>
internal sealed class DatabaseUnavailableExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    private const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!IsUnreachableDatabase(exception))
        {
            return false;
        }

        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers[HeaderNames.RetryAfter] = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Ledger database unavailable",
                Detail = $"The worker cannot reach its ledger database just now; nothing was changed. Retry in {RetryAfterSeconds} s.",
            },
        });
    }

    /// <summary>A transient database failure (connection refused or lost), as the provider classifies it, anywhere in the chain.</summary>
    internal static bool IsUnreachableDatabase(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is DbException { IsTransient: true })
            {
                return true;
            }
        }

        return false;
    }
}
