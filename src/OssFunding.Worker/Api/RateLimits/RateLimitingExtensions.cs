using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OssFunding.Core.Configuration;
using OssFunding.Worker.Configuration;

namespace OssFunding.Worker.Api.RateLimits;

/// <summary>Client addresses (forwarded headers from trusted proxies only) and the two rate limits of SPEC §7.</summary>
internal static class RateLimitingExtensions
{
    public static IServiceCollection AddWorkerRateLimits(this IServiceCollection services)
    {
        // Configured lazily from the validated options: they are read when the pipeline is built, after `run` has
        // checked the configuration, so a bad value is reported as a configuration problem and never thrown here.
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ApiOptions>>((forwarded, api) => TrustOnly(forwarded, api.Value));
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy<string, WriteRateLimitPolicy>(WriteRateLimitPolicy.Name);
        });
        services.AddSingleton<AuthFailureLimiter>();
        RateLimitRefusal.PublishMetrics();
        return services;
    }

    /// <summary>
    /// ASP.NET Core trusts loopback proxies by default, and trusts every peer once both known lists are empty; here only
    /// <c>Api:TrustedProxies</c> is trusted, and without any entry the middleware is switched off (X-Forwarded-For
    /// ignored). No forward limit: the header is walked right to left through trusted proxies only, stopping at the
    /// first address that is not one (the client), so a spoofed entry further left is never reached.
    /// </summary>
    private static void TrustOnly(ForwardedHeadersOptions forwarded, ApiOptions api)
    {
        forwarded.KnownProxies.Clear();
        forwarded.KnownIPNetworks.Clear();
        foreach (string entry in api.TrustedProxies)
        {
            if (TrustedProxies.TryParse(entry, out System.Net.IPNetwork network))
            {
                forwarded.KnownIPNetworks.Add(network);
            }
        }

        forwarded.ForwardedHeaders = forwarded.KnownIPNetworks.Count == 0 ? ForwardedHeaders.None : ForwardedHeaders.XForwardedFor;
        forwarded.ForwardLimit = null;
    }

    /// <summary>First in the pipeline, so everything after (logging, the limiter, the access filter) sees the client.</summary>
    public static WebApplication UseWorkerClientAddresses(this WebApplication app)
    {
        app.UseForwardedHeaders();
        return app;
    }
}
