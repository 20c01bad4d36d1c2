using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Nethereum.Util;

namespace OssFunding.TransactionService.Tests.Fake;

/// <summary>
/// <c>POST /api/v2/safes/{address}/multisig-transactions/</c> as safe-transaction-service's
/// SafeMultisigTransactionSerializer.validate does it, in its order: checksummed Safe address (422 code 1), field
/// errors (422), the SafeTx hash recomputed (here: by the Safe contract itself) must equal contractTransactionHash,
/// no execution at that nonce yet, sender an owner or a delegate of an owner, every signature valid and from an owner
/// or delegate (one signature only for a delegate), and the sender among the signers. Then get_or_create: 201 whether
/// new or already there. Refusals are 422 with <c>nonFieldErrors</c>.
/// </summary>
internal sealed class ProposalEndpoint(FakeServiceStore store, FakeSafeChain chain)
{
    public async Task<IResult> HandleAsync(string address, JsonObject? body)
    {
        if (!IsChecksummed(address))
        {
            return Results.Json(new { code = 1, message = "Checksum address validation failed", arguments = new[] { address } },
                statusCode: StatusCodes.Status422UnprocessableEntity);
        }

        var errors = new Dictionary<string, string[]>();
        var fields = body is null ? null : ProposalFields.Parse(body, errors);
        if (fields is null)
        {
            return Results.Json(errors.Count > 0 ? errors : new Dictionary<string, string[]> { ["nonFieldErrors"] = ["Invalid data. Expected a dictionary."] },
                statusCode: StatusCodes.Status422UnprocessableEntity);
        }

        var refusal = await ValidateAsync(address, fields);
        if (refusal.Problem is { } problem)
        {
            return Refuse(problem);
        }

        var proposer = refusal.Owners.Contains(fields.Sender, StringComparer.OrdinalIgnoreCase) ? fields.Sender : refusal.Delegates[fields.Sender];
        var delegated = proposer == fields.Sender ? null : fields.Sender;
        var transaction = store.GetOrAdd(fields.ContractTransactionHash,
            () => new StoredTransaction(address, fields, proposer, delegated, refusal.Signatures.Count > 0, DateTimeOffset.UtcNow));
        if (refusal.Signatures.Count > 0)
        {
            transaction.Trusted = true;
        }

        foreach (var signature in refusal.Signatures.Where(s => refusal.Owners.Contains(s.Owner, StringComparer.OrdinalIgnoreCase)))
        {
            store.Confirm(transaction, new StoredConfirmation(signature.Owner, signature.Hex, signature.Type, DateTimeOffset.UtcNow));
        }

        return Results.StatusCode(StatusCodes.Status201Created);
    }

    private async Task<Validation> ValidateAsync(string safe, ProposalFields fields)
    {
        var computed = await chain.TransactionHashAsync(safe, fields);
        if (!string.Equals(computed, fields.ContractTransactionHash, StringComparison.OrdinalIgnoreCase))
        {
            return Validation.Refused($"Contract-transaction-hash={computed} does not match provided contract-tx-hash={fields.ContractTransactionHash}");
        }

        var nonce = await chain.NonceAsync(safe);
        if (fields.Nonce < nonce)
        {
            return Validation.Refused($"Tx with nonce={fields.Nonce} for safe={safe} already executed (the Safe's nonce is {nonce})");
        }

        var owners = await chain.OwnersAsync(safe);
        var delegates = store.DelegatesOf(safe, owners);
        var allowed = owners.Concat(delegates.Keys).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (!allowed.Contains(fields.Sender))
        {
            return Validation.Refused(
                $"Sender={fields.Sender} is not an owner or delegate. Current owners=[{string.Join(", ", owners)}]. Delegates=[{string.Join(", ", delegates.Keys)}]");
        }

        string? problem = null;
        var signatures = fields.Signature is null ? [] : FakeSignatures.Parse(fields.Signature, fields.ContractTransactionHash, out problem);
        if (problem is not null)
        {
            return Validation.Refused(problem);
        }

        foreach (var signature in signatures)
        {
            if (signature.Type == "APPROVED_HASH" && !await chain.IsHashApprovedAsync(safe, signature.Owner, fields.ContractTransactionHash))
            {
                return Validation.Refused($"Signature={signature.Hex} for owner={signature.Owner} is not valid");
            }

            if (delegates.ContainsKey(signature.Owner) && !owners.Contains(signature.Owner, StringComparer.OrdinalIgnoreCase) && signatures.Count > 1)
            {
                return Validation.Refused("Just one signature is expected if using delegates");
            }

            if (!allowed.Contains(signature.Owner))
            {
                return Validation.Refused(
                    $"Signer={signature.Owner} is not an owner or delegate. Current owners=[{string.Join(", ", owners)}]. Delegates=[{string.Join(", ", delegates.Keys)}]");
            }
        }

        if (signatures.Select(s => s.Owner.ToLowerInvariant()).Distinct().Count() != signatures.Count)
        {
            return Validation.Refused("Signature for owner is duplicated");
        }

        if (signatures.Count > 0 && !signatures.Any(s => string.Equals(s.Owner, fields.Sender, StringComparison.OrdinalIgnoreCase)))
        {
            return Validation.Refused($"Signature does not match sender={fields.Sender}. Calculated owners=[{string.Join(", ", signatures.Select(s => s.Owner))}]");
        }

        return new Validation(null, owners, delegates, signatures);
    }

    internal static IResult Refuse(string problem) =>
        Results.Json(new Dictionary<string, string[]> { ["nonFieldErrors"] = [problem] }, statusCode: StatusCodes.Status422UnprocessableEntity);

    internal static bool IsChecksummed(string address) =>
        address.Length == 42 && address.StartsWith("0x", StringComparison.Ordinal)
        && string.Equals(AddressUtil.Current.ConvertToChecksumAddress(address), address, StringComparison.Ordinal);

    private sealed record Validation(
        string? Problem, IReadOnlyList<string> Owners, IReadOnlyDictionary<string, string> Delegates, IReadOnlyList<FakeSignature> Signatures)
    {
        public static Validation Refused(string problem) => new(problem, [], new Dictionary<string, string>(), []);
    }
}
