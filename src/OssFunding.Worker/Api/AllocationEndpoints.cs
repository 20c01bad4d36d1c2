using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using OssFunding.Core.Allocations;
using OssFunding.Core.Configuration;

namespace OssFunding.Worker.Api;

internal sealed record CancelRequest(string? Reason);

/// <summary><c>/api/allocations</c>: list, read one, import (CSV or JSON), cancel.</summary>
internal static partial class AllocationEndpoints
{
    private const int MaxReasonLength = 1000;

    public static RouteGroupBuilder MapAllocationEndpoints(this RouteGroupBuilder api)
    {
        RouteGroupBuilder allocations = api.MapGroup("/allocations");
        allocations.MapGet("/", ListAsync);
        allocations.MapGet("/{id}", GetAsync);
        allocations.MapPost("/", ImportAsync);
        allocations.MapPost("/{id}/cancel", CancelAsync);
        return api;
    }

    private static async Task<Results<Ok<IReadOnlyList<Allocation>>, ProblemHttpResult>> ListAsync(
        string? period, string? status, IAllocationStore store, CancellationToken cancellationToken)
    {
        var errors = new List<object>();
        if (period is not null && !PeriodPattern().IsMatch(period))
        {
            errors.Add(new { parameter = "period", message = $"period must be a month written YYYY-MM (was \"{period}\")" });
        }

        AllocationStatus? statusFilter = null;
        if (status is not null)
        {
            statusFilter = ParseStatus(status);
            if (statusFilter is null)
            {
                errors.Add(new { parameter = "status", message = $"status must be one of {string.Join(", ", Enum.GetNames<AllocationStatus>())} (was \"{status}\")" });
            }
        }

        if (errors.Count > 0)
        {
            return Problems.BadRequest("The query is not valid.", errors);
        }

        return TypedResults.Ok(await store.ListAsync(period, statusFilter, cancellationToken));
    }

    private static async Task<Results<Ok<Allocation>, ProblemHttpResult>> GetAsync(string id, IAllocationStore store, CancellationToken cancellationToken) =>
        await store.GetAsync(id, cancellationToken) is { } allocation
            ? TypedResults.Ok(allocation)
            : Problems.NotFound($"No allocation with id \"{id}\".");

    private static async Task<Results<Ok<ImportResponse>, ProblemHttpResult>> ImportAsync(
        HttpRequest request, bool? dryRun, IAllocationImporter importer, IOptions<ApiOptions> api, CancellationToken cancellationToken)
    {
        if (RequestBodies.ImportFormatOf(request, jsonAllowed: true) is not { } format)
        {
            return Problems.UnsupportedMediaType($"Send allocations as text/csv or application/json (was \"{request.ContentType}\").");
        }

        await using MemoryStream body = await RequestBodies.ReadBoundedAsync(request, api.Value.MaxBodyBytes, cancellationToken);
        ImportOutcome outcome = await importer.ImportAsync(body, format, dryRun ?? false, cancellationToken);
        return outcome.Succeeded ? TypedResults.Ok(ImportResponse.From(outcome)) : Problems.ImportRefused(outcome);
    }

    private static async Task<Results<Ok<Allocation>, ProblemHttpResult>> CancelAsync(
        string id, HttpRequest request, IAllocationStore store, CancellationToken cancellationToken)
    {
        if (!request.HasJsonContentType())
        {
            return Problems.UnsupportedMediaType($"Send {{\"reason\": \"...\"}} as application/json (was \"{request.ContentType}\").");
        }

        CancelRequest? body;
        try
        {
            body = await request.ReadFromJsonAsync<CancelRequest>(cancellationToken);
        }
        catch (JsonException e)
        {
            return Problems.BadRequest($"The body must be a JSON object {{\"reason\": \"...\"}}: {e.Message}");
        }

        string reason = body?.Reason?.Trim() ?? "";
        if (reason.Length is 0 or > MaxReasonLength)
        {
            return Problems.BadRequest($"A reason of 1 to {MaxReasonLength} characters is required: {{\"reason\": \"why it is cancelled\"}}.");
        }

        CancelResult result = await store.CancelAsync(id, reason, cancellationToken);
        Allocation? allocation = await store.GetAsync(id, cancellationToken);
        return (result, allocation) switch
        {
            (CancelResult.Cancelled or CancelResult.AlreadyCancelled, not null) => TypedResults.Ok(allocation),
            (CancelResult.NotCancellable, not null) => Problems.Conflict(
                $"Allocation \"{id}\" is {allocation.Status}; only Approved allocations can be cancelled."),
            _ => Problems.NotFound($"No allocation with id \"{id}\"."),
        };
    }

    /// <summary>A status by name only: numbers and unknown names are refused rather than matched loosely.</summary>
    private static AllocationStatus? ParseStatus(string value) =>
        Enum.GetNames<AllocationStatus>().FirstOrDefault(name => name.Equals(value, StringComparison.OrdinalIgnoreCase)) is { } name
            ? Enum.Parse<AllocationStatus>(name)
            : null;

    [GeneratedRegex(@"^\d{4}-(0[1-9]|1[0-2])$", RegexOptions.CultureInvariant)]
    private static partial Regex PeriodPattern();
}
