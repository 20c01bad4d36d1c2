using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Nethereum.ABI.EIP712;
using OssFunding.Safe.Transactions;

namespace OssFunding.Safe.Eip712;

/// <summary>
/// The SafeTx as EIP-712 typed data: Nethereum's <see cref="TypedData{TDomain}"/> for hashing, and the
/// <c>eth_signTypedData_v4</c> JSON that signers' wallets are asked to sign.
/// </summary>
public static class SafeTxTypedData
{
    public const string PrimaryType = "SafeTx";

    public static TypedData<DomainWithChainIdAndVerifyingContract> Create(SafeDomain domain, SafeTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(domain);
        ArgumentNullException.ThrowIfNull(transaction);
        var typedData = new TypedData<DomainWithChainIdAndVerifyingContract>
        {
            Domain = domain.ToNethereumDomain(),
            Types = MemberDescriptionFactory.GetTypesMemberDescription(
                typeof(DomainWithChainIdAndVerifyingContract), typeof(SafeTxStruct)),
            PrimaryType = PrimaryType,
        };
        typedData.SetMessage(SafeTxStruct.From(transaction));
        return typedData;
    }

    /// <summary>
    /// <c>eth_signTypedData_v4</c> payload. uint256 fields are decimal strings (JSON numbers lose precision
    /// above 2^53 in JavaScript wallets), <c>data</c> is 0x-hex, addresses are EIP-55.
    /// </summary>
    public static JsonObject ToJsonObject(SafeDomain domain, SafeTransaction transaction)
    {
        var typedData = Create(domain, transaction);
        var types = new JsonObject();
        foreach (var (name, members) in typedData.Types.OrderBy(t => t.Key == "EIP712Domain" ? 0 : 1))
        {
            types[name] = new JsonArray(members
                .Select(m => (JsonNode)new JsonObject { ["name"] = m.Name, ["type"] = m.Type })
                .ToArray());
        }

        return new JsonObject
        {
            ["types"] = types,
            ["primaryType"] = PrimaryType,
            ["domain"] = new JsonObject
            {
                ["chainId"] = ChainIdNode(domain.ChainId),
                ["verifyingContract"] = domain.SafeAddress,
            },
            ["message"] = new JsonObject
            {
                ["to"] = transaction.To,
                ["value"] = Decimal(transaction.Value),
                ["data"] = transaction.DataHex,
                ["operation"] = Decimal((int)transaction.Operation),
                ["safeTxGas"] = Decimal(transaction.SafeTxGas),
                ["baseGas"] = Decimal(transaction.BaseGas),
                ["gasPrice"] = Decimal(transaction.GasPrice),
                ["gasToken"] = transaction.GasToken,
                ["refundReceiver"] = transaction.RefundReceiver,
                ["nonce"] = Decimal(transaction.Nonce),
            },
        };
    }

    public static string ToJson(SafeDomain domain, SafeTransaction transaction, bool indented = false) =>
        ToJsonObject(domain, transaction).ToJsonString(new JsonSerializerOptions { WriteIndented = indented });

    private static string Decimal(BigInteger value) => value.ToString(CultureInfo.InvariantCulture);

    // Wallets compare domain.chainId with the connected chain; a JSON number is what they all accept.
    private static JsonValue ChainIdNode(BigInteger chainId) =>
        chainId <= long.MaxValue ? JsonValue.Create((long)chainId) : JsonValue.Create(Decimal(chainId));
}
