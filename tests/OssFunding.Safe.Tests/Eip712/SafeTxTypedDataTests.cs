using System.Numerics;
using System.Text.Json.Nodes;
using Nethereum.ABI.EIP712;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Signer;
using Nethereum.Signer.EIP712;
using OssFunding.Safe.Eip712;
using OssFunding.Safe.Transactions;

namespace OssFunding.Safe.Tests.Eip712;

public sealed class SafeTxTypedDataTests
{
    private static readonly SafeDomain Domain = new(42161, "0x2B0b9cBDA3D7b0F760187c52A8FFB18C48E5d96A");

    private static readonly SafeTransaction LargeTx = new(
        "0x79613FD49472C3C7a32188e45ff00e7bdC8a897d",
        Uint256.MaxValue,
        Enumerable.Range(0, 300).Select(i => (byte)i).ToArray(),
        SafeOperation.DelegateCall,
        BigInteger.Pow(2, 200),
        12345,
        BigInteger.Parse("9007199254740993", System.Globalization.CultureInfo.InvariantCulture),
        "0xFA995c7a0d32A4e7497508a5C380369BE8dB49Db",
        "0x6b92f5E5360bfCa8F5d3FcE65D87382967847983",
        Uint256.MaxValue - 1);

    [Fact]
    public void Json_has_the_eth_signTypedData_v4_shape()
    {
        var json = JsonNode.Parse(SafeTxTypedData.ToJson(Domain, LargeTx))!.AsObject();

        Assert.Equal(["types", "primaryType", "domain", "message"], json.Select(p => p.Key));
        Assert.Equal("SafeTx", (string?)json["primaryType"]);
        var types = json["types"]!.AsObject();
        Assert.Equal(["EIP712Domain", "SafeTx"], types.Select(p => p.Key));
        Assert.Equal(
            "chainId:uint256,verifyingContract:address",
            string.Join(',', types["EIP712Domain"]!.AsArray().Select(m => $"{m!["name"]}:{m["type"]}")));
        Assert.Equal(
            "to:address,value:uint256,data:bytes,operation:uint8,safeTxGas:uint256,baseGas:uint256,gasPrice:uint256,"
            + "gasToken:address,refundReceiver:address,nonce:uint256",
            string.Join(',', types["SafeTx"]!.AsArray().Select(m => $"{m!["name"]}:{m["type"]}")));
        Assert.Equal(42161, (long)json["domain"]!["chainId"]!);
        Assert.Equal(Domain.SafeAddress, (string?)json["domain"]!["verifyingContract"]);
    }

    [Fact]
    public void Message_numbers_are_decimal_strings_and_data_is_hex()
    {
        var message = JsonNode.Parse(SafeTxTypedData.ToJson(Domain, LargeTx))!["message"]!;

        Assert.Equal(Uint256.MaxValue.ToString(), (string?)message["value"]);
        Assert.Equal("1", (string?)message["operation"]);
        Assert.Equal(BigInteger.Pow(2, 200).ToString(), (string?)message["safeTxGas"]);
        Assert.Equal("12345", (string?)message["baseGas"]);
        Assert.Equal("9007199254740993", (string?)message["gasPrice"]);
        Assert.Equal((Uint256.MaxValue - 1).ToString(), (string?)message["nonce"]);
        Assert.Equal(LargeTx.DataHex, (string?)message["data"]);
        Assert.Equal("0xFA995c7a0d32A4e7497508a5C380369BE8dB49Db", (string?)message["gasToken"]);
    }

    [Fact]
    public void Empty_data_is_written_as_0x()
    {
        var tx = SafeTransaction.WithoutRefund(new SafeCall(Domain.SafeAddress, 0, Array.Empty<byte>(), SafeOperation.Call), 0);

        var json = JsonNode.Parse(SafeTxTypedData.ToJson(Domain, tx))!;

        Assert.Equal("0x", (string?)json["message"]!["data"]);
        Assert.Equal(
            SafeTxHasher.Hash(Domain, tx).SafeTxHash,
            Eip712TypedDataEncoder.Current.EncodeAndHashTypedData(SafeTxTypedData.ToJson(Domain, tx)));
    }

    [Fact]
    public void Nethereum_hashes_the_json_to_the_safe_tx_hash()
    {
        var fromJson = Eip712TypedDataEncoder.Current.EncodeAndHashTypedData(SafeTxTypedData.ToJson(Domain, LargeTx));

        Assert.Equal(SafeTxHasher.Hash(Domain, LargeTx).SafeTxHash, fromJson);
    }

    [Fact]
    public void A_signature_over_the_json_recovers_the_signer_from_the_safe_tx_hash()
    {
        var key = new EthECKey("0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318");
        var json = SafeTxTypedData.ToJson(Domain, LargeTx, indented: true);

        var signature = new Eip712TypedDataSigner().SignTypedDataV4(json, key);

        var recovered = new Eip712TypedDataSigner().RecoverFromSignatureHashV4(SafeTxHasher.Hash(Domain, LargeTx).SafeTxHash, signature);
        Assert.Equal(key.GetPublicAddress(), recovered);
        Assert.Contains(signature.HexToByteArray()[64], new byte[] { 27, 28 });
    }
}
