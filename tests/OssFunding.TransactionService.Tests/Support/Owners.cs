using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Signer;
using Nethereum.Signer.EIP712;
using OssFunding.Devnet;

namespace OssFunding.TransactionService.Tests.Support;

/// <summary>How owners' wallets sign a SafeTx: the EIP-712 typed data (v 27/28) or eth_sign over the hash (v 31/32).</summary>
internal static class Owners
{
    public static string SignTypedData(DevnetAccount owner, string typedDataJson) =>
        new Eip712TypedDataSigner().SignTypedDataV4(typedDataJson, owner.Key);

    public static string EthSign(DevnetAccount owner, string safeTxHash)
    {
        var signature = new EthereumMessageSigner().Sign(safeTxHash.HexToByteArray(), owner.Key).HexToByteArray();
        signature[64] += 4;
        return signature.ToHex(true);
    }
}
