using System.Text.Json.Nodes;
using Nethereum.Signer.EIP712;

namespace OssFunding.Pipeline.TransactionService;

/// <summary>
/// The EIP-712 payload an owner signs to make an address their delegate (proposer) on the Safe Transaction Service, as
/// the service checks it (history/helpers.py DelegateSignatureHelperV2, api-kit signDelegate): domain
/// <c>{name: "Safe Transaction Service", version: "1.0", chainId}</c> without a verifyingContract, primary type
/// <c>Delegate(address delegateAddress,uint256 totp)</c>, totp = unix time / 3600. The service accepts the current and
/// the previous hour's totp, so a signature is good for one to two hours.
/// </summary>
public static class DelegateTypedData
{
    public const string DomainName = "Safe Transaction Service";
    public const string DomainVersion = "1.0";
    public const string PrimaryType = "Delegate";

    public static long Totp(DateTimeOffset at) => at.ToUnixTimeSeconds() / 3600;

    /// <summary>The <c>eth_signTypedData_v4</c> JSON (also what <c>cast wallet sign --data</c> reads).</summary>
    public static JsonObject ToJsonObject(long chainId, string delegateAddress, long totp) => new()
    {
        ["types"] = new JsonObject
        {
            ["EIP712Domain"] = Members(("name", "string"), ("version", "string"), ("chainId", "uint256")),
            [PrimaryType] = Members(("delegateAddress", "address"), ("totp", "uint256")),
        },
        ["primaryType"] = PrimaryType,
        ["domain"] = new JsonObject { ["name"] = DomainName, ["version"] = DomainVersion, ["chainId"] = chainId },
        ["message"] = new JsonObject { ["delegateAddress"] = delegateAddress, ["totp"] = totp },
    };

    /// <summary>The address whose ECDSA signature over the payload for <paramref name="totp"/> this is, or null when malformed.</summary>
    public static string? RecoverSigner(long chainId, string delegateAddress, long totp, string signature)
    {
        try
        {
            return new Eip712TypedDataSigner().RecoverFromSignatureV4(ToJsonObject(chainId, delegateAddress, totp).ToJsonString(), signature);
        }
        catch (Exception exception) when (exception is ArgumentException or FormatException or InvalidOperationException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    private static JsonArray Members(params (string Name, string Type)[] members) =>
        new(members.Select(m => (JsonNode)new JsonObject { ["name"] = m.Name, ["type"] = m.Type }).ToArray());
}
