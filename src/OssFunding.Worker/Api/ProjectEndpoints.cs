using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using OssFunding.Core.Allocations;
using OssFunding.Core.Configuration;
using OssFunding.Core.Projects;

namespace OssFunding.Worker.Api;

/// <summary><c>/api/projects</c>: the registry of recipients with their ownership proofs.</summary>
internal static class ProjectEndpoints
{
    public static RouteGroupBuilder MapProjectEndpoints(this RouteGroupBuilder api)
    {
        RouteGroupBuilder projects = api.MapGroup("/projects");
        projects.MapGet("/", async (IProjectRegistry registry, CancellationToken cancellationToken) =>
            TypedResults.Ok(await registry.ListAsync(cancellationToken)));
        projects.MapPost("/", ImportAsync);
        return api;
    }

    private static async Task<Results<Ok<ImportResponse>, ProblemHttpResult>> ImportAsync(
        HttpRequest request, bool? dryRun, IProjectRegistry registry, IOptions<ApiOptions> api, CancellationToken cancellationToken)
    {
        if (RequestBodies.ImportFormatOf(request, jsonAllowed: false) is null)
        {
            return Problems.UnsupportedMediaType($"Send projects as text/csv (was \"{request.ContentType}\").");
        }

        await using MemoryStream body = await RequestBodies.ReadBoundedAsync(request, api.Value.MaxBodyBytes, cancellationToken);
        ImportOutcome outcome = await registry.ImportAsync(body, dryRun ?? false, cancellationToken);
        return outcome.Succeeded ? TypedResults.Ok(ImportResponse.From(outcome)) : Problems.ImportRefused(outcome);
    }
}
