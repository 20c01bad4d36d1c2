using System.Numerics;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Signer;
using Nethereum.Signer.EIP712;
using OssFunding.Devnet;
using OssFunding.Safe.Contracts;

namespace OssFunding.Worker.Demo;

/// <summary>
/// What three owners do with their own wallets: sign the typed data (<c>eth_signTypedData_v4</c>), sign the SafeTx hash
/// as a message (<c>eth_sign</c>, v + 4 as the Safe expects), or approve the hash on chain (<c>approveHash</c>).
/// The first two signatures are posted to the worker's API; the approval is seen by the watcher.
/// </summary>
internal static class DemoSigners
{
    public static string SignTypedData(DevnetAccount owner, string typedDataJson) =>
        new Eip712TypedDataSigner().SignTypedDataV4(typedDataJson, owner.Key);

    public static string EthSign(DevnetAccount owner, string safeTxHash)
    {
        var signature = new EthereumMessageSigner().Sign(safeTxHash.HexToByteArray(), owner.Key).HexToByteArray();
        signature[64] += 4;
        return signature.ToHex(true);
    }

    public static async Task<string> ApproveOnChainAsync(DevnetWorld world, DevnetAccount owner, string safeTxHash)
    {
        var receipt = await new SafeContract(world.Web3For(owner), world.SafeAddress).ApproveHashAsync(safeTxHash.HexToByteArray());
        if (receipt.Status?.Value != BigInteger.One)
        {
            throw new DemoException($"approveHash by {owner.Address} reverted in {receipt.TransactionHash}.");
        }

        return receipt.TransactionHash;
    }
}
