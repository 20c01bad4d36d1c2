using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OssFunding.Worker.Status;

namespace OssFunding.Worker.Api;

internal static class StatusEndpoints
{
    /// <summary><c>GET /api/status</c>: see <see cref="StatusReport"/>.</summary>
    public static RouteGroupBuilder MapStatusEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/status", async (StatusReport report, CancellationToken cancellationToken) =>
            TypedResults.Ok(await report.BuildAsync(cancellationToken)));
        return api;
    }
}
