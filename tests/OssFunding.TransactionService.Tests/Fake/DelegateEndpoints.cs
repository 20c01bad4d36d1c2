using System.Numerics;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Util;

namespace OssFunding.TransactionService.Tests.Fake;

/// <summary>
/// <c>POST/GET /api/v2/delegates/</c> as safe-transaction-service's DelegateListView and DelegateSerializerV2 do it, in
/// their order: field errors (checksummed addresses, a hex signature of at least 65 bytes, a label of at most 50
/// characters), the Safe known, the delegator one of its owners, and exactly one signature over the Delegate payload
/// (EIP-712, domain "Safe Transaction Service" 1.0 with or without chainId) for the previous or the current totp
/// (unix time / 3600) whose signer is the delegator. Refusals are 400 with <c>{"field": […]}</c> or
/// <c>{"nonFieldErrors": […]}</c>. Then update_or_create: 201. GET needs at least one filter.
/// </summary>
internal sealed class DelegateEndpoints(FakeServiceStore store, FakeSafeChain chain, long chainId)
{
    private static readonly string[] Filters = ["safe", "delegate", "delegator", "label"];

    public async Task<IResult> AddAsync(JsonObject? body)
    {
        var errors = new Dictionary<string, string[]>();
        var safe = Address(body, "safe", required: false, errors);
        var delegateAddress = Address(body, "delegate", required: true, errors);
        var delegator = Address(body, "delegator", required: true, errors);
        var signature = Text(body, "signature");
        if (signature is null || !IsHex(signature) || signature.HexToByteArray().Length < 65)
        {
            errors["signature"] = [signature is null ? "This field is required." : "Ensure this field has at least 65 hexadecimal bytes."];
        }

        var label = Text(body, "label");
        if (label is null || label.Length is 0 or > 50)
        {
            errors["label"] = [label is null ? "This field is required." : "Ensure this field has no more than 50 characters."];
        }

        if (errors.Count > 0)
        {
            return Results.Json(errors, statusCode: StatusCodes.Status400BadRequest);
        }

        if (safe is not null && await RefuseDelegatorAsync(safe, delegator!) is { } refusal)
        {
            return Refuse(refusal);
        }

        if (SignatureProblem(delegateAddress!, delegator!, signature!) is { } problem)
        {
            return Refuse(problem);
        }

        store.AddDelegate(safe, delegateAddress!, delegator!, label!);
        return Results.Json(new { safe, @delegate = delegateAddress, delegator, label, expiryDate = (DateTimeOffset?)null }, statusCode: StatusCodes.Status201Created);
    }

    public IResult List(HttpRequest request)
    {
        if (!Filters.Any(f => request.Query.ContainsKey(f)))
        {
            return Refuse("At least one query param must be provided");
        }

        string? Filter(string name) => request.Query.TryGetValue(name, out var value) ? value.ToString() : null;
        var listed = store.Delegates()
            .Where(d => Filter("safe") is not { } s || string.Equals(d.Safe, s, StringComparison.OrdinalIgnoreCase))
            .Where(d => Filter("delegate") is not { } a || string.Equals(d.Delegate, a, StringComparison.OrdinalIgnoreCase))
            .Where(d => Filter("delegator") is not { } o || string.Equals(d.Delegator, o, StringComparison.OrdinalIgnoreCase))
            .Where(d => Filter("label") is not { } l || d.Label == l)
            .Select(d => (object)new { safe = d.Safe, @delegate = d.Delegate, delegator = d.Delegator, label = d.Label, expiryDate = (DateTimeOffset?)null })
            .ToList();
        return Results.Json(FakePaging.Page(listed, request));
    }

    private async Task<string?> RefuseDelegatorAsync(string safe, string delegator)
    {
        IReadOnlyList<string> owners;
        try
        {
            owners = await chain.OwnersAsync(safe);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return $"Safe={safe} does not exist or it's still not indexed";
        }

        return owners.Contains(delegator, StringComparer.OrdinalIgnoreCase) ? null : $"Provided delegator={delegator} is not an owner of Safe={safe}";
    }

    /// <summary>Null when one signature of the delegator covers the previous or the current hour, with or without chainId.</summary>
    private string? SignatureProblem(string delegateAddress, string delegator, string signature)
    {
        var totp = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 3600;
        foreach (var (hour, withChain) in new[] { (totp - 1, true), (totp - 1, false), (totp, true), (totp, false) })
        {
            var signers = FakeSignatures.Parse(signature, Digest(delegateAddress, hour, withChain ? chainId : null), out var problem);
            if (problem is not null || signers.Count == 0)
            {
                return "Signature is not valid";
            }

            if (signers.Count > 1)
            {
                return "More than one signatures detected, just one is expected";
            }

            if (string.Equals(signers[0].Owner, delegator, StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }
        }

        return $"Signature does not match provided delegator={delegator}";
    }

    /// <summary>keccak256(0x1901 ‖ domainSeparator ‖ hashStruct(Delegate)), encoded here by hand, not by the worker's code.</summary>
    internal static string Digest(string delegateAddress, long totp, long? chainId)
    {
        var keccak = new Sha3Keccack();
        byte[] Hash(params byte[][] parts) => keccak.CalculateHash(parts.SelectMany(p => p).ToArray());
        byte[] Text(string text) => keccak.CalculateHash(System.Text.Encoding.UTF8.GetBytes(text));
        byte[] Word(BigInteger value) => value.ToByteArray(isUnsigned: true, isBigEndian: true).PadLeft(32);
        var domainType = chainId is null ? "EIP712Domain(string name,string version)" : "EIP712Domain(string name,string version,uint256 chainId)";
        var domain = chainId is { } id
            ? Hash(Text(domainType), Text("Safe Transaction Service"), Text("1.0"), Word(id))
            : Hash(Text(domainType), Text("Safe Transaction Service"), Text("1.0"));
        var message = Hash(Text("Delegate(address delegateAddress,uint256 totp)"), delegateAddress.HexToByteArray().PadLeft(32), Word(totp));
        return Hash([0x19, 0x01], domain, message).ToHex(true);
    }

    private static string? Address(JsonObject? body, string field, bool required, Dictionary<string, string[]> errors)
    {
        var text = Text(body, field);
        if (text is null)
        {
            if (required)
            {
                errors[field] = ["This field is required."];
            }

            return null;
        }

        if (!ProposalEndpoint.IsChecksummed(text))
        {
            errors[field] = [$"Address {text} is not checksumed"];
            return null;
        }

        return text;
    }

    private static string? Text(JsonObject? body, string field) =>
        body?[field] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static bool IsHex(string text) =>
        text.StartsWith("0x", StringComparison.Ordinal) && text.Length % 2 == 0
        && text.Skip(2).All(c => char.IsAsciiHexDigit(c));

    private static IResult Refuse(string problem) =>
        Results.Json(new Dictionary<string, string[]> { ["nonFieldErrors"] = [problem] }, statusCode: StatusCodes.Status400BadRequest);
}

/// <summary>Left-padding to a 32-byte ABI word.</summary>
internal static class WordPadding
{
    public static byte[] PadLeft(this byte[] bytes, int length) =>
        bytes.Length >= length ? bytes : [.. new byte[length - bytes.Length], .. bytes];
}
