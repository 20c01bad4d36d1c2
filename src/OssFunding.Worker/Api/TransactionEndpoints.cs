using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OssFunding.Core.Configuration;
using OssFunding.Pipeline.Drafting;
using OssFunding.Pipeline.Signing;
using OssFunding.Pipeline.Transactions;
using OssFunding.Safe.Transactions;

namespace OssFunding.Worker.Api;

internal sealed record SignatureRequest(string? Signature);

/// <summary><c>/api/transactions</c>: draft now, list, read one, post an owner's signature (no token; SPEC §7).</summary>
internal static partial class TransactionEndpoints
{
    /// <summary>Why a draft request produced nothing (204 has no body).</summary>
    public const string ReasonHeader = "X-OssFunding-Reason";

    public static RouteGroupBuilder MapTransactionEndpoints(this RouteGroupBuilder api)
    {
        RouteGroupBuilder transactions = api.MapGroup("/transactions");
        transactions.MapPost("/draft", DraftAsync);
        transactions.MapGet("/", ListAsync);
        transactions.MapGet("/{safeTxHash}", GetAsync);
        // No token: the signature itself is checked against the Safe's owners (SPEC §7).
        transactions.MapPost("/{safeTxHash}/signatures", SignAsync).WithMetadata(SignatureAuthenticatesItself.Instance);
        return api;
    }

    private static async Task<Results<Created<TransactionView>, NoContent, ProblemHttpResult>> DraftAsync(
        Drafter drafter, HttpResponse response, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        DraftOutcome outcome = await drafter.DraftAsync(cancellationToken);
        switch (outcome.Result)
        {
            case DraftResult.Drafted:
                return TypedResults.Created($"/api/transactions/{outcome.Transaction!.SafeTxHash}", outcome.Transaction);
            case DraftResult.LostRace:
                return Problems.Conflict(outcome.Reason);
            default:
                loggers.CreateLogger("OssFunding.Worker.Api.Draft").LogInformation("Draft requested: {DraftResult}: {Reason}", outcome.Result, outcome.Reason);
                response.Headers[ReasonHeader] = HeaderSafe($"{outcome.Result}: {outcome.Reason}");
                return TypedResults.NoContent();
        }
    }

    private static async Task<Results<Ok<IReadOnlyList<TransactionView>>, ProblemHttpResult>> ListAsync(
        string? status, TransactionQueries queries, CancellationToken cancellationToken)
    {
        TransactionStatus? filter = null;
        if (status is not null)
        {
            if (Enum.GetNames<TransactionStatus>().FirstOrDefault(name => name.Equals(status, StringComparison.OrdinalIgnoreCase)) is not { } name)
            {
                return Problems.BadRequest($"status must be one of {string.Join(", ", Enum.GetNames<TransactionStatus>())} (was \"{status}\").");
            }

            filter = Enum.Parse<TransactionStatus>(name);
        }

        return TypedResults.Ok(await queries.ListAsync(filter, cancellationToken));
    }

    private static async Task<Results<Ok<TransactionView>, ProblemHttpResult>> GetAsync(
        string safeTxHash, TransactionQueries queries, CancellationToken cancellationToken)
    {
        if (!SafeTxHashText.IsWellFormed(safeTxHash))
        {
            return Problems.BadRequest($"\"{safeTxHash}\" is not a SafeTx hash (0x followed by 64 hex digits).");
        }

        return await queries.GetAsync(safeTxHash, cancellationToken) is { } view
            ? TypedResults.Ok(view)
            : Problems.NotFound($"No Safe transaction {safeTxHash.ToLowerInvariant()} is known to this worker.");
    }

    private static async Task<Results<Created<TransactionView>, Ok<TransactionView>, Accepted<SignaturePending>, ProblemHttpResult>> SignAsync(
        string safeTxHash, HttpRequest request, SignatureCollector collector, IOptions<ApiOptions> api, CancellationToken cancellationToken)
    {
        if (!request.HasJsonContentType())
        {
            return Problems.UnsupportedMediaType($"Send {{\"signature\": \"0x…\"}} as application/json (was \"{request.ContentType}\").");
        }

        await using MemoryStream body = await RequestBodies.ReadBoundedAsync(request, api.Value.MaxBodyBytes, cancellationToken);
        SignatureRequest? posted;
        try
        {
            posted = await JsonSerializer.DeserializeAsync<SignatureRequest>(body, JsonSerializerOptions.Web, cancellationToken);
        }
        catch (JsonException e)
        {
            return Problems.BadRequest($"The body must be a JSON object {{\"signature\": \"0x…\"}}: {e.Message}");
        }

        if (string.IsNullOrWhiteSpace(posted?.Signature))
        {
            return Problems.BadRequest("The body must carry the owner's signature: {\"signature\": \"0x…\"}.");
        }

        SignatureOutcome outcome = await collector.AddAsync(safeTxHash, posted.Signature.Trim(), cancellationToken);
        return outcome.Result switch
        {
            SignatureResult.Created => TypedResults.Created($"/api/transactions/{outcome.Transaction!.SafeTxHash}", outcome.Transaction),
            SignatureResult.AlreadyPresent => TypedResults.Ok(outcome.Transaction!),
            SignatureResult.AwaitingChain => TypedResults.Accepted($"/api/transactions/{safeTxHash.ToLowerInvariant()}", new SignaturePending(outcome.Message, outcome.Owner)),
            _ => TypedResults.Problem(outcome.Message, statusCode: outcome.StatusCode, title: Title(outcome.Result),
                extensions: outcome.Owner is null ? null : new Dictionary<string, object?> { ["owner"] = outcome.Owner }),
        };
    }

    private static string Title(SignatureResult result) => result switch
    {
        SignatureResult.NotOwner => "Not an owner",
        SignatureResult.UnknownTx => "Not found",
        SignatureResult.NotCollecting => "Not collecting signatures",
        SignatureResult.LedgerMismatch => "Transaction does not match the ledger",
        _ => "Bad signature",
    };

    private static string HeaderSafe(string text) => new(text.Select(c => c is >= ' ' and <= '~' ? c : '?').ToArray());
}

/// <summary>The 202 answer to an approveHash signature the watcher has not mirrored yet (nothing stored; it counts once mirrored).</summary>
public sealed record SignaturePending(string Message, string? Owner);
