using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using OssFunding.Core.Configuration;

namespace OssFunding.Worker.Api;

/// <summary>
/// Guards every <c>/api</c> endpoint by method, so a new endpoint cannot forget it. Runs before the body is read.
/// Writes (any method but GET/HEAD) need <c>Authorization: Bearer &lt;Api:AdminToken&gt;</c>: none → 401 with a
/// challenge, a wrong one → 403, and an empty AdminToken disables writes (403 saying so).
/// Reads are open unless <c>Api:ReadToken</c> is set; then they need it or the admin token.
/// </summary>
internal sealed class ApiAccessFilter(IOptions<ApiOptions> api) : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        HttpContext http = context.HttpContext;
        ProblemHttpResult? refusal = HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)
            ? RefuseRead(http, api.Value)
            : RefuseWrite(http, api.Value);
        return refusal is null ? next(context) : ValueTask.FromResult<object?>(refusal);
    }

    private static ProblemHttpResult? RefuseWrite(HttpContext http, ApiOptions options)
    {
        if (options.AdminToken.Length == 0)
        {
            return Problems.Forbidden("Writes are disabled: Api:AdminToken is not set.");
        }

        string? presented = BearerToken.From(http.Request);
        if (presented is null)
        {
            return Challenge(http, "This endpoint needs the admin token: Authorization: Bearer <Api:AdminToken>.");
        }

        return BearerToken.Matches(presented, options.AdminToken) ? null : Problems.Forbidden("The bearer token is not the admin token.");
    }

    private static ProblemHttpResult? RefuseRead(HttpContext http, ApiOptions options)
    {
        if (options.ReadToken.Length == 0)
        {
            return null;
        }

        string? presented = BearerToken.From(http.Request);
        if (presented is null)
        {
            return Challenge(http, "Reads need a token: Authorization: Bearer <Api:ReadToken>.");
        }

        return BearerToken.Matches(presented, options.ReadToken) || BearerToken.Matches(presented, options.AdminToken)
            ? null
            : Problems.Forbidden("The bearer token is neither the read token nor the admin token.");
    }

    private static ProblemHttpResult Challenge(HttpContext http, string detail)
    {
        http.Response.Headers[HeaderNames.WWWAuthenticate] = BearerToken.Challenge;
        return Problems.Unauthorized(detail);
    }
}
