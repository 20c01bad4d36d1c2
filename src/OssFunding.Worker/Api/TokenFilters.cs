using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using OssFunding.Core.Configuration;
using OssFunding.Worker.Api.RateLimits;

namespace OssFunding.Worker.Api;

/// <summary>
/// Guards every <c>/api</c> endpoint by method, so a new endpoint cannot forget it. Runs before the body is read.
/// Writes (any method but GET/HEAD) need <c>Authorization: Bearer &lt;Api:AdminToken&gt;</c>: none → 401 with a
/// challenge, a wrong one → 403, and an empty AdminToken disables writes (403 saying so).
/// Reads are open unless <c>Api:ReadToken</c> is set; then they need it or the admin token.
/// The one exception is an endpoint marked <see cref="SignatureAuthenticatesItself"/>: it needs no token.
/// Every refusal counts against the client's <c>Api:RateLimits:AuthFailures</c>; once that is spent, token-checked
/// requests get 429 before any token is compared.
/// </summary>
internal sealed class ApiAccessFilter(IOptions<ApiOptions> api, AuthFailureLimiter failures, ILogger<ApiAccessFilter> logger) : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        HttpContext http = context.HttpContext;
        bool read = HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method);
        if (NeedsNoToken(http, read, api.Value))
        {
            return next(context);
        }

        string client = ClientAddress.Of(http);
        if (failures.Blocked(client) is { } lease)
        {
            using (lease)
            {
                return ValueTask.FromResult<object?>(RateLimitRefusal.Problem(http, RateLimitPolicy.AuthFailures, api.Value, lease, logger));
            }
        }

        ProblemHttpResult? refusal = read ? RefuseRead(http, api.Value) : RefuseWrite(http, api.Value);
        if (refusal is null)
        {
            return next(context);
        }

        failures.CountRefusal(client);
        return ValueTask.FromResult<object?>(refusal);
    }

    /// <summary>Open reads and self-authenticating writes check no token, so they can neither fail nor be blocked.</summary>
    private static bool NeedsNoToken(HttpContext http, bool read, ApiOptions options) =>
        read ? options.ReadToken.Length == 0 : http.GetEndpoint()?.Metadata.GetMetadata<SignatureAuthenticatesItself>() is not null;

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

/// <summary>
/// Marks a write whose body proves who sent it (an owner's signature over the SafeTx hash, verified against the current
/// owners before anything is stored), as on Safe Transaction Service: <see cref="ApiAccessFilter"/> asks it for no token.
/// It stays rate limited like every write.
/// </summary>
internal sealed class SignatureAuthenticatesItself
{
    public static readonly SignatureAuthenticatesItself Instance = new();
}
