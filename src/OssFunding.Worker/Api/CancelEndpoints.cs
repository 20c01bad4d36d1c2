using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using OssFunding.Core.Configuration;
using OssFunding.Pipeline.Cancellation;
using OssFunding.Pipeline.Transactions;

namespace OssFunding.Worker.Api;

internal sealed record CancelTransactionRequest(bool? CancelAllocations);

/// <summary>
/// <c>POST /api/transactions/{safeTxHash}/cancel</c> (admin, SPEC §5, §7): 200 with the transaction when it was cancelled at
/// once (or already was), 202 with the on-chain rejection owners are asked to sign. The body is optional:
/// <c>{"cancelAllocations": true}</c> cancels the allocations with the transaction instead of returning them to Approved.
/// </summary>
internal static class CancelEndpoints
{
    private static readonly JsonSerializerOptions Strict = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public static RouteGroupBuilder MapCancelEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/transactions/{safeTxHash}/cancel", CancelAsync);
        return api;
    }

    private static async Task<Results<Ok<TransactionView>, Accepted<TransactionView>, ProblemHttpResult>> CancelAsync(
        string safeTxHash, HttpRequest request, OperatorCancel cancel, IOptions<ApiOptions> api, CancellationToken cancellationToken)
    {
        await using MemoryStream body = await RequestBodies.ReadBoundedAsync(request, api.Value.MaxBodyBytes, cancellationToken);
        var cancelAllocations = false;
        if (body.Length > 0)
        {
            if (!request.HasJsonContentType())
            {
                return Problems.UnsupportedMediaType($"Send {{\"cancelAllocations\": true|false}} as application/json, or no body (was \"{request.ContentType}\").");
            }

            try
            {
                cancelAllocations = (await JsonSerializer.DeserializeAsync<CancelTransactionRequest>(body, Strict, cancellationToken))?.CancelAllocations ?? false;
            }
            catch (JsonException e)
            {
                return Problems.BadRequest($"The body must be a JSON object {{\"cancelAllocations\": true|false}} or empty: {e.Message}");
            }
        }

        CancelOutcome outcome = await cancel.CancelAsync(safeTxHash, cancelAllocations, cancellationToken);
        return outcome.Result switch
        {
            CancelResult.Cancelled or CancelResult.AlreadyCancelled => TypedResults.Ok(outcome.Transaction!),
            CancelResult.RejectionDrafted or CancelResult.AlreadyCancelling when outcome.Rejection is { } rejection =>
                TypedResults.Accepted($"/api/transactions/{rejection.SafeTxHash}", rejection),
            _ => TypedResults.Problem(outcome.Message, statusCode: outcome.StatusCode, title: Title(outcome.Result)),
        };
    }

    private static string Title(CancelResult result) => result switch
    {
        CancelResult.Malformed => "Bad request",
        CancelResult.NotFound => "Not found",
        CancelResult.LostRace => "Changed meanwhile",
        _ => "Not cancellable",
    };
}
