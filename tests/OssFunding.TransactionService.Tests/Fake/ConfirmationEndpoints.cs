using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace OssFunding.TransactionService.Tests.Fake;

/// <summary>
/// <c>GET/POST /api/v1/multisig-transactions/{safeTxHash}/confirmations/</c> (v1 only; there is no v2 route), as
/// safe-transaction-service's SafeMultisigConfirmationsView and SafeMultisigConfirmationSerializer: GET lists (empty for
/// an unknown hash); POST answers 404 for an unknown transaction, 400 with <c>{"signature": […]}</c> when it already
/// executed or a signer is not an owner (delegates cannot confirm) or a signature is invalid, else 201.
/// </summary>
internal sealed class ConfirmationEndpoints(FakeServiceStore store, FakeSafeChain chain)
{
    public IResult List(string safeTxHash, HttpRequest request)
    {
        var confirmations = store.ConfirmationsOf(safeTxHash).Select(c => (object)new
        {
            owner = c.Owner,
            submissionDate = c.SubmissionDate,
            transactionHash = (string?)null,
            signature = c.Signature,
            signatureType = c.SignatureType,
        }).ToList();
        return Results.Json(FakePaging.Page(confirmations, request));
    }

    public async Task<IResult> AddAsync(string safeTxHash, JsonObject? body)
    {
        var signatureHex = body?["signature"] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
        if (signatureHex is null)
        {
            return Invalid("This field is required.");
        }

        var transaction = store.Find(safeTxHash);
        if (transaction is null)
        {
            return Results.Json(new { detail = $"Multisig transaction with safe-tx-hash={safeTxHash} was not found" },
                statusCode: StatusCodes.Status404NotFound);
        }

        if ((await chain.ExecutedHashesAsync(transaction.Safe)).Contains(transaction.SafeTxHash))
        {
            return Invalid($"Transaction with safe-tx-hash={safeTxHash} was already executed");
        }

        var signatures = FakeSignatures.Parse(signatureHex, transaction.SafeTxHash, out var problem);
        if (problem is not null)
        {
            return Invalid(problem);
        }

        var owners = await chain.OwnersAsync(transaction.Safe);
        foreach (var signature in signatures)
        {
            if (!owners.Contains(signature.Owner, StringComparer.OrdinalIgnoreCase))
            {
                return Invalid($"Signer={signature.Owner} is not an owner. Current owners=[{string.Join(", ", owners)}]");
            }

            if (signature.Type == "APPROVED_HASH" && !await chain.IsHashApprovedAsync(transaction.Safe, signature.Owner, transaction.SafeTxHash))
            {
                return Invalid($"Signature={signature.Hex} for owner={signature.Owner} is not valid");
            }
        }

        if (signatures.Select(s => s.Owner.ToLowerInvariant()).Distinct().Count() != signatures.Count)
        {
            return Invalid("Signature for owner is duplicated");
        }

        foreach (var signature in signatures)
        {
            store.Confirm(transaction, new StoredConfirmation(signature.Owner, signature.Hex, signature.Type, DateTimeOffset.UtcNow));
        }

        transaction.Trusted = true;
        return Results.Json(new { signature = signatureHex }, statusCode: StatusCodes.Status201Created);
    }

    private static IResult Invalid(string problem) =>
        Results.Json(new Dictionary<string, string[]> { ["signature"] = [problem] }, statusCode: StatusCodes.Status400BadRequest);
}
