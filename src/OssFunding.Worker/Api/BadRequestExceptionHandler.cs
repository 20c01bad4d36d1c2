using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using OssFunding.Core.Configuration;

namespace OssFunding.Worker.Api;

/// <summary>
/// Kestrel and parameter binding report bad requests (body too large, malformed JSON or query values) by throwing
/// <see cref="BadHttpRequestException"/>; this turns them into problem+json with their own status code.
/// Every other exception falls through to the default 500 problem, without internals in the response.
/// </summary>
internal sealed class BadRequestExceptionHandler(IProblemDetailsService problemDetails, IOptions<ApiOptions> api) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }

        string detail = badRequest.StatusCode == StatusCodes.Status413PayloadTooLarge
            ? $"The request body is larger than Api:MaxBodyBytes ({api.Value.MaxBodyBytes} bytes)."
            : badRequest.Message;
        httpContext.Response.StatusCode = badRequest.StatusCode;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = badRequest.StatusCode, Detail = detail },
        });
    }
}
