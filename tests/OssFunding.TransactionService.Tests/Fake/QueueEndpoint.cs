using System.Globalization;
using System.Numerics;
using Microsoft.AspNetCore.Http;
using Nethereum.Hex.HexConvertors.Extensions;

namespace OssFunding.TransactionService.Tests.Fake;

/// <summary>
/// <c>GET /api/v2/safes/{address}/multisig-transactions/</c> (SafeMultisigTransactionListView, MultisigTransactionFilter):
/// filters <c>nonce__gte</c>, <c>nonce__lt</c>, <c>executed</c>, <c>trusted</c> (true unless asked otherwise); newest
/// nonce first unless <c>ordering=nonce</c>; v2 writes nonce, safeTxGas and baseGas as strings.
/// </summary>
internal sealed class QueueEndpoint(FakeServiceStore store, FakeSafeChain chain)
{
    public async Task<IResult> ListAsync(string address, HttpRequest request)
    {
        if (!ProposalEndpoint.IsChecksummed(address))
        {
            return Results.Json(new { code = 1, message = "Checksum address validation failed", arguments = new[] { address } },
                statusCode: StatusCodes.Status422UnprocessableEntity);
        }

        var executedHashes = await chain.ExecutedHashesAsync(address);
        var threshold = await chain.ThresholdAsync(address);
        var all = store.OfSafe(address);
        IEnumerable<StoredTransaction> selected = all.Where(t => t.Trusted || Flag(request, "trusted") == false);
        if (Number(request, "nonce__gte") is { } from)
        {
            selected = selected.Where(t => t.Fields.Nonce >= from);
        }

        if (Number(request, "nonce__lt") is { } below)
        {
            selected = selected.Where(t => t.Fields.Nonce < below);
        }

        if (Flag(request, "executed") is { } executed)
        {
            selected = selected.Where(t => executedHashes.Contains(t.SafeTxHash) == executed);
        }

        var ordered = request.Query["ordering"] == "nonce"
            ? selected.OrderBy(t => t.Fields.Nonce).ThenBy(t => t.Submitted)
            : selected.OrderByDescending(t => t.Fields.Nonce).ThenByDescending(t => t.Submitted);
        var results = ordered.Select(t => ToJson(t, executedHashes.Contains(t.SafeTxHash), threshold)).ToList();
        var uniqueNonces = all.Where(t => t.Trusted).Select(t => t.Fields.Nonce).Distinct().Count();
        return Results.Json(FakePaging.Page(results, request, uniqueNonces));
    }

    private object ToJson(StoredTransaction t, bool executed, int threshold) => new
    {
        safe = t.Safe,
        to = t.Fields.To,
        value = Text(t.Fields.Value),
        data = t.Fields.Data.Length == 0 ? null : t.Fields.Data.ToHex(true),
        operation = t.Fields.Operation,
        gasToken = t.Fields.GasToken,
        safeTxGas = Text(t.Fields.SafeTxGas),
        baseGas = Text(t.Fields.BaseGas),
        gasPrice = Text(t.Fields.GasPrice),
        refundReceiver = t.Fields.RefundReceiver,
        nonce = Text(t.Fields.Nonce),
        executionDate = (string?)null,
        submissionDate = t.Submitted,
        modified = t.Submitted,
        blockNumber = (long?)null,
        transactionHash = (string?)null,
        safeTxHash = t.SafeTxHash,
        proposer = t.Proposer,
        proposedByDelegate = t.ProposedByDelegate,
        executor = (string?)null,
        isExecuted = executed,
        isSuccessful = executed ? true : (bool?)null,
        origin = t.Fields.Origin ?? "{}",
        confirmationsRequired = threshold,
        confirmations = store.ConfirmationsOf(t.SafeTxHash).Select(c => new
        {
            owner = c.Owner, submissionDate = c.SubmissionDate, transactionHash = (string?)null, signature = c.Signature, signatureType = c.SignatureType,
        }).ToList(),
        trusted = t.Trusted,
        signatures = (string?)null,
    };

    private static string Text(BigInteger value) => value.ToString(CultureInfo.InvariantCulture);

    private static BigInteger? Number(HttpRequest request, string name) =>
        BigInteger.TryParse(request.Query[name], NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static bool? Flag(HttpRequest request, string name) => request.Query[name].ToString().ToLowerInvariant() switch
    {
        "true" or "1" => true,
        "false" or "0" => false,
        _ => null,
    };
}
